// leastcommon: the least frequent element of a tuple; ties go to the
// smallest element (batt's canonical order). An empty tuple is an error.
// sig: leastcommon(Ints) -> Int
// needs: mostcommon

BATT_PRIM i64 p_leastcommon(const Ints& t, Flag& ok) { return mostcommon_pick(t, false, ok); }
