from service.extraction.intervals import Intervals


def test_overlap_is_half_open():
    taken = Intervals([(10, 20)])
    assert taken.overlaps(19, 25)
    assert taken.overlaps(5, 11)
    assert not taken.overlaps(20, 30)  # touching the end is not overlapping
    assert not taken.overlaps(0, 10)


def test_a_long_interval_earlier_still_counts():
    # The first interval reaches past later, shorter ones: the reach, not the last start, decides.
    taken = Intervals([(0, 100), (10, 12), (30, 31)])
    assert taken.overlaps(50, 60)
    assert not taken.overlaps(100, 120)


def test_empty_set_overlaps_nothing():
    assert not Intervals([]).overlaps(0, 10**9)
