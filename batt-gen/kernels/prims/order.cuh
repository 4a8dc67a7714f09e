// order: the elements sorted stably by their keys, as a tuple.
// sig: order(Colours, Fn[Int -> Int]) -> Ints
// sig: order(Ints, Fn[Int -> Int]) -> Ints
// sig: order(Grids, Fn[Grid -> Int]) -> Grids
// sig: order(Objects, Fn[Object -> Int]) -> ObjTuple
// sig: order(ObjTuple, Fn[Object -> Int]) -> ObjTuple

// A stable insertion sort of ks[0..n) by keys.
BATT_DEVICE void order_sort(i64* keys, int* ks, int n) {
    for (int a = 1; a < n; a++) {
        i64 key = keys[a];
        int k = ks[a];
        int b = a - 1;
        while (b >= 0 && keys[b] > key) {
            keys[b + 1] = keys[b];
            ks[b + 1] = ks[b];
            b--;
        }
        keys[b + 1] = key;
        ks[b + 1] = k;
    }
}

template <class F>
BATT_PRIM Ints p_order(const Colours& s, const F& f, Flag& ok) {
    i64 keys[BATT_SET_INTS];
    int ks[BATT_SET_INTS];
    int n = 0;
    for (int c = 0; c < BATT_SET_INTS; c++)
        if ((s.m >> c) & 1u) {
            keys[n] = f((i64)c, ok);
            ks[n] = c;
            n++;
        }
    order_sort(keys, ks, n);
    Ints r = ints_empty();
    for (int k = 0; k < n; k++) ints_push(r, ks[k], ok);
    return r;
}

template <class F>
BATT_PRIM Ints p_order(const Ints& t, const F& f, Flag& ok) {
    i64 keys[BATT_INTS];
    int ks[BATT_INTS];
    int n = 0;
    for (int k = 0; k < t.n && k < BATT_INTS; k++) {
        keys[n] = f(t.v[k], ok);
        ks[n] = k;
        n++;
    }
    order_sort(keys, ks, n);
    Ints r = ints_empty();
    for (int k = 0; k < n; k++) ints_push(r, t.v[ks[k]], ok);
    return r;
}

template <class F>
BATT_PRIM Grids p_order(const Grids& t, const F& f, Flag& ok) {
    i64 keys[BATT_GRIDS];
    int ks[BATT_GRIDS];
    int n = 0;
    for (int k = 0; k < t.n && k < BATT_GRIDS; k++) {
        keys[n] = f(grids_get(t, k), ok);
        ks[n] = k;
        n++;
    }
    order_sort(keys, ks, n);
    Grids r = grids_empty();
    for (int k = 0; k < n; k++) grids_push_at(r, t, ks[k], ok);
    return r;
}

// The most objects order sorts on the device (more are left to the CPU).
#define BATT_ORDER 256

template <class F>
BATT_DEVICE ObjTuple order_objects(const Objects& x, const F& f, Flag& ok) {
    if (x.n > BATT_ORDER) { ok.full(); return objtuple_empty(); }
    i64 keys[BATT_ORDER];
    int ks[BATT_ORDER];
    int n = 0;
    for (int k = 1; k <= x.n; k++) {
        keys[n] = f(objs_get(x, k), ok);
        ks[n] = k;
        n++;
    }
    order_sort(keys, ks, n);
    return objtuple_pick(x, ks, n);
}

template <class F>
BATT_PRIM ObjTuple p_order(const Objects& x, const F& f, Flag& ok) {
    return order_objects(x, f, ok);
}

template <class F>
BATT_PRIM ObjTuple p_order(const ObjTuple& t, const F& f, Flag& ok) {
    return order_objects(t.x, f, ok);
}
