//! What `ptxas -v` says of a kernel: for the entry, its registers and
//! stack; for every function, its stack frame and spills. `cargo xtask
//! kernel-report` reads it.
//!
//! ptxas compiles the whole call graph with the entry (no separate
//! compilation), so it gives registers for the entry only: that count is
//! the largest any function of the graph needs, and what the device
//! allocates to each thread.

use std::fmt::Write as _;

/// One function's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Function {
    /// Its mangled name, as in the PTX.
    pub name: String,
    /// Its stack frame in bytes.
    pub stack: u64,
    /// Bytes spilled to local memory.
    pub spill_stores: u64,
    /// Bytes loaded back from spills.
    pub spill_loads: u64,
}

/// The kernel's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The entry's name.
    pub entry: String,
    /// Registers per thread (the entry's, covering every function it calls).
    pub registers: u64,
    /// The entry's cumulative stack in bytes (its frame and its callees').
    pub cumulative_stack: u64,
    /// Every function, the entry included.
    pub functions: Vec<Function>,
}

/// The number just before `word` in `text` (`"255 registers"`).
fn number_before(text: &str, word: &str) -> Option<u64> {
    let at = text.find(word)?;
    text[..at].split_whitespace().last()?.parse().ok()
}

/// Reads `ptxas -v`'s output (its `info` lines; others are skipped).
pub fn parse(text: &str) -> Report {
    let mut report = Report::default();
    let mut current: Option<usize> = None;
    for line in text.lines() {
        let line = line.trim();
        if let Some(rest) = line.split("Compiling entry function '").nth(1) {
            report.entry = rest.split('\'').next().unwrap_or_default().to_owned();
        } else if let Some(rest) = line.split("Function properties for ").nth(1) {
            report.functions.push(Function {
                name: rest.trim().to_owned(),
                ..Function::default()
            });
            current = Some(report.functions.len() - 1);
        } else if line.contains("bytes stack frame") {
            if let Some(f) = current.and_then(|k| report.functions.get_mut(k)) {
                f.stack = number_before(line, "bytes stack frame").unwrap_or(0);
                f.spill_stores = number_before(line, "bytes spill stores").unwrap_or(0);
                f.spill_loads = number_before(line, "bytes spill loads").unwrap_or(0);
            }
        } else if line.contains("Used") && line.contains("registers") {
            report.registers = number_before(line, "registers").unwrap_or(0);
            report.cumulative_stack = number_before(line, "bytes cumulative stack").unwrap_or(0);
        }
    }
    report
}

/// One entry function's figures, where a module has many.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// Its name.
    pub name: String,
    /// Registers per thread.
    pub registers: u64,
    /// Its cumulative stack in bytes.
    pub cumulative_stack: u64,
    /// Its own frame's spills, in bytes (stores and loads).
    pub spills: u64,
}

/// Every entry function of `ptxas -v`'s output, in its order.
pub fn entries(text: &str) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut props: Option<String> = None;
    for line in text.lines() {
        let line = line.trim();
        if let Some(rest) = line.split("Compiling entry function '").nth(1) {
            out.push(Entry {
                name: rest.split('\'').next().unwrap_or_default().to_owned(),
                ..Entry::default()
            });
        } else if let Some(rest) = line.split("Function properties for ").nth(1) {
            props = Some(rest.trim().to_owned());
        } else if line.contains("bytes stack frame") {
            if let Some(e) = out.last_mut()
                && props.as_deref() == Some(e.name.as_str())
            {
                e.spills = number_before(line, "bytes spill stores").unwrap_or(0)
                    + number_before(line, "bytes spill loads").unwrap_or(0);
            }
        } else if line.contains("Used")
            && line.contains("registers")
            && let Some(e) = out.last_mut()
        {
            e.registers = number_before(line, "registers").unwrap_or(0);
            e.cumulative_stack = number_before(line, "bytes cumulative stack").unwrap_or(0);
        }
    }
    out
}

/// A readable name for a mangled one: `_Z9p_vconcatRK4Grid...` is
/// `p_vconcat`; names that are not mangled stay as they are.
pub fn short_name(mangled: &str) -> &str {
    let Some(rest) = mangled.strip_prefix("_Z") else {
        return mangled;
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let Ok(len) = rest[..digits].parse::<usize>() else {
        return mangled;
    };
    rest.get(digits..digits + len).unwrap_or(mangled)
}

impl Report {
    /// Functions that spill.
    pub fn spilling(&self) -> Vec<&Function> {
        self.functions
            .iter()
            .filter(|f| f.spill_stores > 0 || f.spill_loads > 0)
            .collect()
    }

    /// A table of the `n` functions with the largest spills, then stack
    /// frames, largest first; functions with neither are left out.
    pub fn costliest(&self, n: usize) -> String {
        let mut list: Vec<&Function> = self
            .functions
            .iter()
            .filter(|f| f.stack + f.spill_stores + f.spill_loads > 0)
            .collect();
        list.sort_by_key(|f| std::cmp::Reverse((f.spill_stores + f.spill_loads, f.stack)));
        let mut out = format!(
            "  {:<28} {:>12} {:>12} {:>12}\n",
            "function", "stack B", "spill st B", "spill ld B"
        );
        for f in list.iter().take(n) {
            let _ = writeln!(
                out,
                "  {:<28} {:>12} {:>12} {:>12}",
                short_name(&f.name),
                f.stack,
                f.spill_stores,
                f.spill_loads
            );
        }
        let quiet = self.functions.len() - list.len();
        if quiet > 0 {
            let _ = writeln!(
                out,
                "  ({quiet} other functions: no stack frame, no spills)"
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
ptxas info    : 0 bytes gmem
ptxas info    : Compiling entry function 'batt_card' for 'sm_90'
ptxas info    : Function properties for batt_card
    3680 bytes stack frame, 8 bytes spill stores, 8 bytes spill loads
ptxas info    : Used 48 registers, used 0 barriers, 3680 bytes cumulative stack size
ptxas info    : Compile time = 325.964 ms
ptxas info    : Function properties for _Z6prog_0RK4GridRS_R4Lane
    0 bytes stack frame, 440 bytes spill stores, 436 bytes spill loads
ptxas info    : Function properties for _Z9p_hmirrorRK4GridR4Flag
    16 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads
";

    #[test]
    fn the_entry_and_every_function_are_read() {
        let r = parse(SAMPLE);
        assert_eq!(r.entry, "batt_card");
        assert_eq!(r.registers, 48);
        assert_eq!(r.cumulative_stack, 3680);
        assert_eq!(r.functions.len(), 3);
        assert_eq!(
            r.functions[1],
            Function {
                name: "_Z6prog_0RK4GridRS_R4Lane".into(),
                stack: 0,
                spill_stores: 440,
                spill_loads: 436,
            }
        );
        assert_eq!(r.functions[2].stack, 16);
        let spilling: Vec<&str> = r.spilling().iter().map(|f| short_name(&f.name)).collect();
        assert_eq!(spilling, ["batt_card", "prog_0"]);
    }

    #[test]
    fn every_entry_of_a_module_is_read() {
        let text = format!(
            "{SAMPLE}ptxas info    : Compiling entry function 'batt_step_3' for 'sm_90'\n\
             ptxas info    : Function properties for batt_step_3\n\
             \x20   0 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads\n\
             ptxas info    : Used 25 registers, used 0 barriers\n"
        );
        let e = entries(&text);
        assert_eq!(e.len(), 2);
        assert_eq!(
            e[0],
            Entry {
                name: "batt_card".into(),
                registers: 48,
                cumulative_stack: 3680,
                spills: 16,
            }
        );
        assert_eq!(
            (e[1].name.as_str(), e[1].registers, e[1].spills),
            ("batt_step_3", 25, 0)
        );
    }

    #[test]
    fn mangled_names_are_shortened() {
        assert_eq!(short_name("_Z9p_vconcatRK4GridS1_R4Flag"), "p_vconcat");
        assert_eq!(short_name("_Z8p_valmaxIZZ6prog_7RK4Grid"), "p_valmax");
        assert_eq!(short_name("batt_card"), "batt_card");
        assert_eq!(short_name("_Z99x"), "_Z99x");
    }

    #[test]
    fn the_table_puts_spills_first() {
        let table = parse(SAMPLE).costliest(2);
        let rows: Vec<&str> = table.lines().skip(1).collect();
        assert!(rows[0].trim_start().starts_with("prog_0"), "{table}");
        assert!(rows[1].trim_start().starts_with("batt_card"), "{table}");
    }
}
