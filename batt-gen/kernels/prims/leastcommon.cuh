// leastcommon: the least frequent element of a tuple; ties go to the
// smallest element (batt's canonical order). An empty tuple is an error.
// sig: leastcommon(Ints) -> Int
// sig: leastcommon(ObjTuple) -> Object
// needs: mostcommon

BATT_PRIM i64 p_leastcommon(const Ints& t, Flag& ok) { return mostcommon_pick(t, false, ok); }

// The members of a tuple of disjoint objects are distinct: all tie, and
// the smallest (the first in canonical order) is the least common.
BATT_PRIM Object p_leastcommon(const ObjTuple& t, Flag& ok) {
    if (t.x.n <= 0) { ok = false; return object_empty(); }
    Objects x = t.x;
    objs_canonical(x);
    return objs_get(x, 1);
}
