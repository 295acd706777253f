import decisionroom


def test_all_is_sorted_and_complete():
    assert decisionroom.__all__ == sorted(decisionroom.__all__)
    for name in decisionroom.__all__:
        assert getattr(decisionroom, name) is not None, name


def test_unknown_attribute_raises_attribute_error():
    import pytest

    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        decisionroom.nope  # noqa: B018
