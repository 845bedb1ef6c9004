import numpy as np
from datasketch import MinHash

from jobs.dedup import engine


def test_signatures_equal_datasketch_minhash_over_the_same_shingles():
    shingles = [
        np.array([1, 5, 99, 2**31 + 7], dtype=np.uint32),
        np.array([], dtype=np.uint32),
        np.arange(300, dtype=np.uint32) * 7919,
    ]
    sigs = engine.signatures(shingles)
    for values, sig in zip(shingles, sigs, strict=True):
        reference = MinHash(
            num_perm=engine.NUM_PERM, seed=engine.SEED, scheme="affine32", hashfunc=int
        )
        reference.update_batch(values.tolist())
        assert np.array_equal(reference.hashvalues, sig)


def test_shingles_ignore_case_accents_and_markup_spacing():
    a = engine.DedupDoc(
        id=1, title="Senior Engineer", company_key="acme", text="Build   the Café platform, fast."
    )
    b = engine.DedupDoc(
        id=2, title="SENIOR ENGINEER", company_key="acme", text="build the cafe platform fast"
    )
    assert np.array_equal(engine.features(a).shingles, engine.features(b).shingles)


def test_title_tokens_expand_abbreviations_and_drop_levels_and_noise():
    assert engine.title_tokens("Sr. Software Eng (m/f/d) - Remote") == {"software", "engineer"}
    assert engine.title_tokens("Software Engineer II") == engine.title_tokens("Software Engineer")
    assert engine.title_tokens("Data Engineer, New York", {"new", "york"}) == {"data", "engineer"}


def test_the_gate_names_the_reason_two_postings_are_different_jobs():
    def pair(title_b="Senior Backend Engineer", **b):
        da = engine.DedupDoc(
            id=1,
            title="Senior Backend Engineer",
            company_key="acme",
            cities=frozenset({"berlin"}),
            countries=frozenset({"DE"}),
        )
        db = engine.DedupDoc(
            id=2,
            title=title_b,
            **{
                "company_key": "acme",
                "cities": frozenset({"berlin"}),
                "countries": frozenset({"DE"}),
                **b,
            },
        )
        return engine.gate(da, engine.features(da), db, engine.features(db))

    assert pair() is None
    assert pair("Sr. Backend Engineer (m/f/d)") is None
    assert pair("Staff Backend Engineer") == "seniority"
    assert pair("Backend Engineer") == "seniority"  # no level is not "Senior"
    assert pair("Senior Frontend Engineer") == "title"
    assert pair(cities=frozenset({"munich"})) == "location"
    assert pair(company_key="globex") == "company"
    assert pair(cities=frozenset(), countries=frozenset(), remote=True) == "location"


def test_lsh_finds_near_duplicates_and_grouping_vetoes_chained_siblings():
    text = " ".join(f"word{i}" for i in range(150))
    docs = [
        engine.DedupDoc(id=10, title="Senior Data Engineer", company_key="acme", text=text),
        engine.DedupDoc(id=11, title="Data Engineer II", company_key="acme", text=text + " x"),
        engine.DedupDoc(id=12, title="Data Engineer", company_key="acme", text=text + " y"),
        engine.DedupDoc(id=13, title="Staff Data Engineer", company_key="acme", text=text),
    ]
    groups = {frozenset(g) for g in engine.dedup_docs(docs).groups}
    assert frozenset({11, 12}) in groups
    assert not any({10, 13} <= g for g in groups)
    split = engine.dedup_docs(docs, cannot_link={(11, 12)}).groups
    assert not any({11, 12} <= set(g) for g in split)


def test_lsh_blocks_pairs_by_company_but_an_unknown_company_pairs_with_any():
    keys = np.array([[1, 2], [1, 3], [1, 4], [5, 2]], dtype=np.int64)
    pairs = engine.lsh_pairs(keys, np.array([0, 1, 0, -1])).tolist()
    assert pairs == [[0, 2], [0, 3]]  # 0~1 differ in company; 3 is unknown and shares key 2
    assert engine.lsh_pairs(keys).tolist() == [[0, 1], [0, 2], [0, 3], [1, 2]]
