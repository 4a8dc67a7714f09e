// mfilter: merge(sfilter(container, function)).
// sig: mfilter(Objects, Fn[Object -> Bool]) -> Object
// sig: mfilter(Grids, Fn[Grid -> Bool]) -> Grid
// sig: mfilter(Patches, Fn[Indices -> Bool]) -> Indices
// sig: mfilter(ObjBag, Fn[Object -> Bool]) -> Object painted
// sig: mfilter(PatchBag, Fn[Indices -> Bool]) -> Indices
// needs: sfilter, merge

template <class F>
BATT_PRIM Object p_mfilter(const Objects& x, const F& f, Flag& ok) {
    return p_merge(p_sfilter(x, f, ok), ok);
}

template <class F>
BATT_PRIM Grid p_mfilter(const Grids& t, const F& f, Flag& ok) {
    return p_merge(p_sfilter(t, f, ok), ok);
}

template <class F>
BATT_PRIM Indices p_mfilter(const Patches& x, const F& f, Flag& ok) {
    return p_merge(p_sfilter(x, f, ok), ok);
}

// The union of a bag's sets the function keeps (see PatchBag).
template <class F>
BATT_PRIM Indices p_mfilter(const PatchBag& t, const F& f, Flag& ok) {
    Indices acc = indices_empty();
#pragma unroll 1
    for (int k = 0; k < t.n && k < BATT_PBAG_PATCHES; k++) {
        const Indices s = patchbag_get(t, k);
        if (f(s, ok)) idx_union(acc, s);
    }
    return acc;
}

// The union of a bag's objects the function keeps, painted (see ObjBag).
template <class F>
BATT_PRIM Object p_mfilter(const ObjBag& t, const F& f, Flag& ok) {
    Object acc = object_empty();
    for (int k = 0; k < t.n && k < BATT_BAG_OBJS; k++) {
        const Object o = objbag_get(t, k);
        if (f(o, ok)) mapply_union(acc, o, ok, true);
    }
    return acc;
}
