from advisor.guidance.phrases import query_units, split_phrases


def texts(s):
    return [p.text for p in split_phrases(s)]


def test_commas_and_offsets():
    s = "cashier 4 years, handled returns, drove a forklift, good with Excel"
    phrases = split_phrases(s)
    assert [p.text for p in phrases] == ["cashier 4 years", "handled returns", "drove a forklift", "good with Excel"]
    for p in phrases:
        assert s[p.start : p.end] == p.text


def test_bullets_and_numbering_are_stripped():
    s = "- Operated CNC lathe\n* OSHA 10 certified\n• trained new hires\n2) counted the drawer"
    assert texts(s) == ["Operated CNC lathe", "OSHA 10 certified", "trained new hires", "counted the drawer"]


def test_and_lists_split_only_when_the_first_part_is_a_phrase():
    assert texts("helped shoppers pick out paint and handled their returns") == [
        "helped shoppers pick out paint",
        "handled their returns",
    ]
    assert texts("measured and cut lumber to length") == ["measured and cut lumber to length"]


def test_numbers_with_commas_stay_whole():
    assert texts("handled $1,000 a day in cash") == ["handled $1,000 a day in cash"]


def test_sentences_and_semicolons():
    assert texts("Drove a truck. Loaded pallets; kept logs!") == ["Drove a truck", "Loaded pallets", "kept logs"]


def test_odd_characters_and_empty_input():
    assert split_phrases("") == []
    assert split_phrases("  ,,, ;; -- \n\n") == []
    s = "soudé l'acier 🔧, 日本語を話す"
    for p in split_phrases(s):
        assert s[p.start : p.end] == p.text
    assert len(split_phrases(s)) == 2


def test_query_units_add_the_clause_and_sentence_for_context():
    s = "worked out change, tips and tax in my head"
    units = [u.text for u in query_units(s, split_phrases(s))]
    assert "worked out change" in units and s in units


def test_phrases_are_never_cut():
    """However many phrases a text holds, every one is kept (the docs promise "never cut")."""
    text = ", ".join(f"stocked shelves {i}" for i in range(2000))
    phrases = split_phrases(text)
    assert len(phrases) == 2000
    assert phrases[-1].text == "stocked shelves 1999" and text[phrases[-1].start : phrases[-1].end] == phrases[-1].text
