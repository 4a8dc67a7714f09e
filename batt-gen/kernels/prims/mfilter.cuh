// mfilter: merge(sfilter(container, function)).
// sig: mfilter(Objects, Fn[Object -> Bool]) -> Object
// sig: mfilter(Grids, Fn[Grid -> Bool]) -> Grid
// sig: mfilter(Patches, Fn[Indices -> Bool]) -> Indices
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
