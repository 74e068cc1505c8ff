"""Embeddings, the SQLite vector store (source of truth) and the FAISS cache built from it."""
