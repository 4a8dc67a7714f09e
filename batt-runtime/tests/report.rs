//! `report.html`, the results of a run with the grids drawn: written by
//! `all-tasks --report` and by `report --run`, the same page both ways,
//! refused for tasks that are not the run's, self-contained, and opened in
//! a headless Chromium, where it must draw without script errors, show a
//! known task's grids cell by cell in the right colours (read from the
//! DOM), and paint them (read from a screenshot, pixel by pixel, against
//! the task file).
//!
//! The browser is `$CHROMIUM`, else `chromium`, `chromium-browser` or
//! `google-chrome` on the PATH (`apt-get install chromium` on Debian;
//! `.ci/run` installs it). Without one, the browser test prints
//! `skipped: no headless Chromium (...)` on stderr, where the harness does
//! not hide it, and returns.

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

use std::fs;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use batt_runtime::grid::Grid;
use batt_runtime::report::PALETTE;
use batt_runtime::results::Results;
use serde_json::Value as J;

/// Training tasks: `67a3c6ac` the library solves, the others of several
/// sizes, solved or not.
const TASKS: &[&str] = &["67a3c6ac", "c8f0f002", "00d62c1b", "1f85a75f", "a416b8f3"];

/// The task the browser test opens.
const KNOWN: &str = "67a3c6ac";

fn data() -> PathBuf {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    batt_data::Fetcher::new(&data)
        .ensure(&mut |l| eprintln!("{l}"))
        .unwrap();
    data
}

/// A task directory holding `ids`, in `dir/tasks`.
fn slice(dir: &Path, ids: &[&str]) -> PathBuf {
    let src = data().join("arc-agi-1/training");
    let dst = dir.join("tasks/training");
    fs::create_dir_all(&dst).unwrap();
    for id in ids {
        fs::copy(
            src.join(format!("{id}.json")),
            dst.join(format!("{id}.json")),
        )
        .unwrap();
    }
    dir.join("tasks")
}

fn batt(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_batt-runtime"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn batt_ok(args: &[&str], dir: &Path) -> String {
    let out = batt(args, dir);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A run of the library over the slice with `--report --dump-outputs`,
/// into `dir/out`; its report.
fn run_with_report(dir: &Path) -> PathBuf {
    slice(dir, TASKS);
    let stdout = batt_ok(
        &[
            "all-tasks",
            "--data",
            "tasks",
            "--out",
            "out",
            "--report",
            "--dump-outputs",
        ],
        dir,
    );
    assert!(stdout.contains("wrote out/report.html ("), "{stdout}");
    dir.join("out/report.html")
}

/// The grid of a task file: `task[kind][index][side]`.
fn task_grid(tasks: &Path, id: &str, kind: &str, index: usize, side: &str) -> Grid {
    let text = fs::read_to_string(tasks.join(format!("training/{id}.json"))).unwrap();
    let task: J = serde_json::from_str(&text).unwrap();
    serde_json::from_value(task[kind][index][side].clone()).unwrap()
}

#[test]
fn the_report_command_writes_the_page_all_tasks_report_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let page = run_with_report(tmp.path());
    let stdout = batt_ok(
        &[
            "report", "--run", "out", "--data", "tasks", "--out", "again",
        ],
        tmp.path(),
    );
    assert!(stdout.starts_with("wrote again/report.html ("), "{stdout}");
    assert!(
        stdout.contains("5 tasks, programs' outputs from outputs.jsonl"),
        "{stdout}"
    );
    assert_eq!(
        fs::read(&page).unwrap(),
        fs::read(tmp.path().join("again/report.html")).unwrap()
    );
    // The report is a view of the run's files, not one of them: its
    // manifest does not list it, so `report` may write it again (by
    // default beside results.json), and the run still reads back whole.
    let manifest = fs::read_to_string(tmp.path().join("out/manifest.json")).unwrap();
    assert!(!manifest.contains("report.html"), "{manifest}");
    fs::write(&page, "stale").unwrap();
    batt_ok(&["report", "--run", "out", "--data", "tasks"], tmp.path());
    assert_eq!(
        fs::read(&page).unwrap(),
        fs::read(tmp.path().join("again/report.html")).unwrap()
    );
    batt_runtime::results::read_run(&tmp.path().join("out")).unwrap();
    // A run without --report into the same directory removes the old page.
    batt_ok(
        &["all-tasks", "--data", "tasks", "--out", "out", "--quiet"],
        tmp.path(),
    );
    assert!(!page.exists());
    let names: Vec<String> = fs::read_dir(tmp.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains("tmp")), "{names:?}");
}

#[test]
fn a_run_without_dump_outputs_gives_a_page_without_programs_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    slice(tmp.path(), TASKS);
    batt_ok(
        &[
            "all-tasks",
            "--data",
            "tasks",
            "--out",
            "out",
            "--report",
            "--quiet",
        ],
        tmp.path(),
    );
    let html = fs::read_to_string(tmp.path().join("out/report.html")).unwrap();
    assert!(html.contains(r#""lanes":null"#));
    assert!(html.contains(r#""lanes":[]"#));
    let stdout = batt_ok(&["report", "--run", "out", "--data", "tasks"], tmp.path());
    assert!(stdout.ends_with("5 tasks)\n"), "{stdout}");
}

#[test]
fn the_page_is_one_self_contained_file_with_the_palette_emitted() {
    let tmp = tempfile::tempdir().unwrap();
    let html = fs::read_to_string(run_with_report(tmp.path())).unwrap();
    for outside in ["http://", "https://", "<link", " src=", "@import", "url("] {
        assert!(
            !html.contains(outside),
            "the page refers outside: {outside}"
        );
    }
    for (k, (hex, _)) in PALETTE.iter().enumerate() {
        assert!(
            html.contains(&format!(".c{k}{{background:{hex}}}")),
            "colour {k}"
        );
    }
    // The data is one JSON script, which no value can end early.
    assert_eq!(html.matches("</script>").count(), 3);
    assert_eq!(
        html.matches(r#"<script type="application/json""#).count(),
        1
    );
}

#[test]
fn report_refuses_tasks_that_are_not_the_runs_naming_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    run_with_report(tmp.path());
    // One task fewer: another fingerprint.
    fs::remove_file(tmp.path().join("tasks/training/a416b8f3.json")).unwrap();
    let out = batt(&["report", "--run", "out", "--data", "tasks"], tmp.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("error: tasks: not the tasks the run evaluated (4 tasks, SHA-256 "),
        "{stderr}"
    );
    assert!(
        stderr.contains("were loaded from tasks with --split all): pass those with --data and --split (the run in out)"),
        "{stderr}"
    );
    // A directory that is not a run.
    fs::create_dir_all(tmp.path().join("empty")).unwrap();
    let out = batt(&["report", "--run", "empty", "--data", "tasks"], tmp.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("empty/results.json: missing: is empty the --out of an all-tasks run?"),
        "{stderr}"
    );
}

// ------------------------------------------------------------ the browser

/// A headless Chromium with a profile of its own.
struct Chromium {
    exe: PathBuf,
    profile: tempfile::TempDir,
}

/// How long one page may take to load, draw and be written out.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(90);

/// What a page printed: the DOM once drawn, and the console's lines.
struct Loaded {
    dom: String,
    console: Vec<String>,
}

impl Chromium {
    /// `$CHROMIUM`, else the first of the usual names on the PATH; `Err`
    /// says why there is none.
    fn find() -> Result<Chromium, String> {
        let exe = match std::env::var_os("CHROMIUM").filter(|v| !v.is_empty()) {
            Some(path) => {
                let path = PathBuf::from(path);
                assert!(path.is_file(), "CHROMIUM={} names no file", path.display());
                path
            }
            None => {
                let names = ["chromium", "chromium-browser", "google-chrome"];
                let path = std::env::var_os("PATH").unwrap_or_default();
                names
                    .iter()
                    .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
                    .find(|p| p.is_file())
                    .ok_or_else(|| {
                        "CHROMIUM is not set and none of chromium, chromium-browser, google-chrome \
                         is on the PATH; `apt-get install chromium` on Debian"
                            .to_owned()
                    })?
            }
        };
        Ok(Chromium {
            exe,
            profile: tempfile::tempdir().unwrap(),
        })
    }

    /// Runs the browser headless on `page#fragment` with `extra` arguments
    /// at a window of `size`; its stdout and stderr.
    fn run(
        &self,
        page: &Path,
        fragment: &str,
        size: (u32, u32),
        extra: &[String],
    ) -> (String, String) {
        let url = format!("file://{}#{fragment}", page.display());
        let mut child = Command::new(&self.exe)
            .args([
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--enable-logging=stderr",
                "--v=0",
            ])
            .arg(format!("--user-data-dir={}", self.profile.path().display()))
            .arg(format!("--window-size={},{}", size.0, size.1))
            .args(extra)
            .arg(&url)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let read = |mut pipe: Box<dyn std::io::Read + Send>| {
            std::thread::spawn(move || {
                let mut text = Vec::new();
                let _ = pipe.read_to_end(&mut text);
                String::from_utf8_lossy(&text).into_owned()
            })
        };
        let stdout = read(Box::new(child.stdout.take().unwrap()));
        let stderr = read(Box::new(child.stderr.take().unwrap()));
        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > BROWSER_TIMEOUT {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{url}: the browser took more than {BROWSER_TIMEOUT:?}");
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let (stdout, stderr) = (stdout.join().unwrap(), stderr.join().unwrap());
        assert!(
            status.success(),
            "{url}: the browser failed ({status}): {stderr}"
        );
        (stdout, stderr)
    }

    /// The DOM of `page#fragment` once loaded, and its console's lines.
    fn load(&self, page: &Path, fragment: &str) -> Loaded {
        let (dom, stderr) = self.run(page, fragment, (1280, 1024), &["--dump-dom".to_owned()]);
        let console = stderr
            .lines()
            .filter(|l| l.contains(":CONSOLE"))
            .map(str::to_owned)
            .collect();
        Loaded { dom, console }
    }

    /// A screenshot of `page#fragment` at a window of `size`, decoded.
    fn screenshot(&self, page: &Path, fragment: &str, size: (u32, u32)) -> Image {
        let file = self.profile.path().join("shot.png");
        let _ = fs::remove_file(&file);
        self.run(
            page,
            fragment,
            size,
            &[format!("--screenshot={}", file.display())],
        );
        Image::read(&file)
    }
}

/// A decoded screenshot, 8 bits per channel.
struct Image {
    width: usize,
    height: usize,
    channels: usize,
    bytes: Vec<u8>,
}

impl Image {
    fn read(path: &Path) -> Image {
        let file = std::io::BufReader::new(fs::File::open(path).unwrap());
        let mut decoder = png::Decoder::new(file);
        decoder.set_transformations(png::Transformations::normalize_to_color8());
        let mut reader = decoder.read_info().unwrap();
        let mut bytes = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut bytes).unwrap();
        let channels = match info.color_type {
            png::ColorType::Rgb => 3,
            png::ColorType::Rgba => 4,
            other => panic!("{}: a screenshot in {other:?}", path.display()),
        };
        Image {
            width: info.width as usize,
            height: info.height as usize,
            channels,
            bytes,
        }
    }

    /// The colour at `(x, y)` as `#RRGGBB`.
    fn hex(&self, x: usize, y: usize) -> String {
        assert!(
            x < self.width && y < self.height,
            "({x}, {y}) is outside the screenshot"
        );
        let at = (y * self.width + x) * self.channels;
        let p = &self.bytes[at..at + 3];
        format!("#{:02X}{:02X}{:02X}", p[0], p[1], p[2])
    }
}

/// A grid element of the DOM: its attributes and its cells' colours.
#[derive(Debug)]
struct DrawnGrid {
    tag: String,
    colours: Vec<i8>,
}

impl DrawnGrid {
    /// The value of the attribute `name`.
    fn attr(&self, name: &str) -> Option<&str> {
        let start = self.tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let len = self.tag[start..].find('"')?;
        Some(&self.tag[start..start + len])
    }

    fn number(&self, name: &str) -> usize {
        self.attr(name)
            .unwrap_or_else(|| panic!("no {name} on {}", self.tag))
            .parse()
            .unwrap()
    }

    /// Whether it draws `grid`: its shape, and every cell's colour class.
    fn draws(&self, grid: &Grid) -> bool {
        self.number("data-h") == grid.height()
            && self.number("data-w") == grid.width()
            && self.colours == grid.cells()
    }
}

/// Every grid drawn in `dom`, by its `data-grid` key, in page order.
fn grids(dom: &str) -> Vec<(String, DrawnGrid)> {
    let mut found = Vec::new();
    let mut rest = dom;
    while let Some(start) = rest.find(r#"<div class="grid""#) {
        rest = &rest[start..];
        let tag_end = rest.find('>').unwrap();
        let body_end = rest.find("</div>").unwrap();
        let tag = rest[..tag_end].to_owned();
        let colours = rest[tag_end..body_end]
            .split("<i class=\"c")
            .skip(1)
            .map(|cell| cell[..1].parse::<i8>().unwrap())
            .collect();
        let grid = DrawnGrid { tag, colours };
        let key = grid.attr("data-grid").unwrap().to_owned();
        found.push((key, grid));
        rest = &rest[body_end..];
    }
    found
}

/// The page's state: drawn, and without script errors or console lines.
fn assert_drawn(loaded: &Loaded, view: &str) {
    let html_tag = &loaded.dom[loaded.dom.find("<html").unwrap()..];
    let html_tag = &html_tag[..html_tag.find('>').unwrap()];
    assert!(
        !html_tag.contains("data-errors"),
        "the page recorded errors: {html_tag}"
    );
    assert!(loaded.console.is_empty(), "console: {:?}", loaded.console);
    assert!(html_tag.contains(r#"data-state="ready""#), "{html_tag}");
    assert!(
        html_tag.contains(&format!(r#"data-view="{view}""#)),
        "{html_tag}"
    );
}

#[test]
fn the_report_draws_a_known_tasks_grids_in_a_browser_in_the_arc_palette() {
    let chromium = match Chromium::find() {
        Ok(chromium) => chromium,
        Err(why) => {
            // Written to the process's stderr, past the test harness's
            // capture, so that the skip shows in every run's output.
            let _ = writeln!(
                std::io::stderr(),
                "skipped: no headless Chromium ({why}): the report was not checked in a browser"
            );
            return;
        }
    };
    let tmp = tempfile::tempdir().unwrap();
    let page = run_with_report(tmp.path());
    let tasks = tmp.path().join("tasks");
    let results: Results =
        serde_json::from_str(&fs::read_to_string(tmp.path().join("out/results.json")).unwrap())
            .unwrap();

    // The overview: the summary and a row per task.
    let overview = chromium.load(&page, "");
    assert_drawn(&overview, "overview");
    assert!(overview.dom.contains("Kaggle score"));
    for id in TASKS {
        assert!(
            overview.dom.contains(&format!(r##"href="#task={id}""##)),
            "no row for {id}"
        );
    }
    assert!(
        grids(&overview.dom).is_empty(),
        "the overview draws no grid"
    );

    // The known task: every grid of the task file, cell by cell.
    let loaded = chromium.load(&page, &format!("task={KNOWN}"));
    assert_drawn(&loaded, "task");
    let drawn = grids(&loaded.dom);
    let get = |key: &str| -> &DrawnGrid {
        &drawn
            .iter()
            .find(|(k, _)| k == key)
            .unwrap_or_else(|| panic!("no grid {key}"))
            .1
    };
    let result = results.tasks.iter().find(|t| t.id == KNOWN).unwrap();
    let mut expected_keys = Vec::new();
    for i in 0..result.demo_pairs {
        for (side, name) in [("input", "input"), ("output", "output")] {
            let key = format!("demo-{i}-{name}");
            assert!(
                get(&key).draws(&task_grid(&tasks, KNOWN, "train", i, side)),
                "{key}"
            );
            expected_keys.push(key);
        }
    }
    for (i, attempts) in result.attempts.iter().enumerate() {
        let want = task_grid(&tasks, KNOWN, "test", i, "output");
        assert!(
            get(&format!("test-{i}-input")).draws(&task_grid(&tasks, KNOWN, "test", i, "input"))
        );
        assert!(get(&format!("test-{i}-expected")).draws(&want));
        expected_keys.extend([format!("test-{i}-input"), format!("test-{i}-expected")]);
        for (n, attempt) in [&attempts.attempt_1, &attempts.attempt_2]
            .into_iter()
            .enumerate()
        {
            let key = format!("test-{i}-attempt-{}", n + 1);
            let grid = get(&key);
            assert!(grid.draws(attempt), "{key}");
            let program = result.attempt_programs[i][n].as_deref().unwrap_or("");
            assert_eq!(grid.attr("data-program"), Some(program), "{key}");
            let right = if *attempt == want { "true" } else { "false" };
            assert_eq!(grid.attr("data-correct"), Some(right), "{key}");
            expected_keys.push(key);
            if attempt.shape() == want.shape() {
                let key = format!("test-{i}-diff-{}", n + 1);
                let differ = attempt
                    .cells()
                    .iter()
                    .zip(want.cells())
                    .filter(|(a, b)| a != b)
                    .count();
                assert_eq!(get(&key).number("data-differ"), differ, "{key}");
                assert!(get(&key).draws(attempt), "{key}");
                expected_keys.push(key);
            }
        }
    }
    // The library solves it: the first attempt is its solver's, and right.
    assert_eq!(
        result.attempt_programs[0][0].as_deref(),
        Some("solve_67a3c6ac")
    );
    assert_eq!(get("test-0-attempt-1").attr("data-correct"), Some("true"));
    // Exactly those grids, besides the programs' outputs.
    let mut keys: Vec<&str> = drawn
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| !k.starts_with("lane-"))
        .collect();
    keys.sort_unstable();
    expected_keys.sort();
    assert_eq!(keys, expected_keys);
    // With --dump-outputs, its solver's outputs are drawn beside them.
    for i in 0..result.demo_pairs {
        let key = format!("lane-solve_{KNOWN}-demo-{i}");
        assert!(
            get(&key).draws(&task_grid(&tasks, KNOWN, "train", i, "output")),
            "{key}"
        );
    }
    let key = format!("lane-solve_{KNOWN}-test-0");
    assert!(
        get(&key).draws(&task_grid(&tasks, KNOWN, "test", 0, "output")),
        "{key}"
    );

    // The pixels: one grid alone at the top left, each cell's centre
    // painted in the palette colour of that cell in the task file.
    for (fragment, grid) in [
        (
            format!("task={KNOWN}&grid=test-0-expected"),
            task_grid(&tasks, KNOWN, "test", 0, "output"),
        ),
        (
            format!("task={KNOWN}&grid=demo-1-input"),
            task_grid(&tasks, KNOWN, "train", 1, "input"),
        ),
        (
            "task=00d62c1b&grid=demo-0-output".to_owned(),
            task_grid(&tasks, "00d62c1b", "train", 0, "output"),
        ),
    ] {
        let solo = chromium.load(&page, &fragment);
        assert_drawn(&solo, "grid");
        let drawn = grids(&solo.dom);
        assert_eq!(drawn.len(), 1, "{fragment}");
        let placed = &drawn[0].1;
        assert!(placed.draws(&grid), "{fragment}");
        let (x, y, pitch) = (
            placed.number("data-x"),
            placed.number("data-y"),
            placed.number("data-pitch"),
        );
        let size = (
            (x + pitch * grid.width() + 40) as u32,
            (y + pitch * grid.height() + 40) as u32,
        );
        let image = chromium.screenshot(&page, &fragment, size.max((200, 200)));
        let mut colours_seen = std::collections::BTreeSet::new();
        for i in 0..grid.height() {
            for j in 0..grid.width() {
                let colour = grid.get(i, j).unwrap();
                let (px, py) = (x + j * pitch + pitch / 2, y + i * pitch + pitch / 2);
                assert_eq!(
                    image.hex(px, py),
                    PALETTE[colour as usize].0,
                    "{fragment}: cell ({i}, {j}) of colour {colour} at pixel ({px}, {py})"
                );
                colours_seen.insert(colour);
            }
        }
        assert!(
            colours_seen.len() >= 2,
            "{fragment}: a grid of one colour proves little"
        );
    }

    // The programs, one program, and a task that is not there.
    let programs = chromium.load(&page, "programs");
    assert_drawn(&programs, "programs");
    assert!(
        programs
            .dom
            .contains(&format!(r##"href="#program=solve_{KNOWN}""##))
    );
    assert_drawn(
        &chromium.load(&page, &format!("program=solve_{KNOWN}")),
        "program",
    );
    assert_drawn(&chromium.load(&page, "task=nonexistent"), "missing");
}
