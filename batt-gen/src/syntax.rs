//! The tokenizer and parser of card files: text to [`CardFile`].
//!
//! The accepted language is the subset of Python that a `solvers.py` of the
//! ARC DSL is written in (DESIGN §3): `def NAME(PARAMS):` with optional type
//! annotations, statements `NAME = EXPR` and `return NAME`, where an `EXPR`
//! is a call (nested calls and keyword arguments included), a name or an
//! integer literal. Comments, docstrings and import lines are skipped.
//!
//! Newlines and indentation carry no meaning: a statement ends where its
//! expression ends, so the same parser reads text rebuilt from Rust macro
//! tokens, where all whitespace is a single space. The one exception is an
//! import line, which is skipped to the end of its line (or to the next
//! `def`, whichever comes first).
//!
//! Every error is collected; after one, the parser resynchronises at the
//! next `def`. A program in which a syntax error was found is left out of
//! the returned [`CardFile`], so that the checker does not report the
//! consequences of the syntax error a second time.

use codespan_reporting::diagnostic::{Diagnostic, Label};

use crate::ast::{Arg, Assign, Call, CardFile, Expr, Ident, Program, Span};

/// The diagnostic code of every syntax error.
pub const SYNTAX_ERROR: &str = "syntax";

/// How deeply calls may nest inside one another (deeper nesting is
/// reported as an error instead of overflowing the stack).
pub const MAX_NESTING: usize = 64;

/// Python keywords that cannot be used as names in a card.
const RESERVED: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Parses one card file.
///
/// `file_id` is put on the labels of the diagnostics. Programs in which a
/// syntax error was found are left out of the returned file.
pub fn parse(file_id: usize, text: &str) -> (CardFile, Vec<Diagnostic<usize>>) {
    let (tokens, lex_errors) = tokenize(text);
    let mut parser = Parser {
        file_id,
        tokens,
        pos: 0,
        depth: 0,
        end: text.len(),
        diags: Vec::new(),
    };
    let file = parser.card_file();
    // A parse error at an unterminated string says nothing more than the
    // lexical error there.
    let mut diags: Vec<Diagnostic<usize>> = parser
        .diags
        .into_iter()
        .filter(|d| {
            let at = d.labels.first().map(|l| &l.range);
            !lex_errors.iter().any(|(_, span)| Some(span) == at)
        })
        .collect();
    for (message, span) in lex_errors {
        diags.push(syntax_error(file_id, message, span, None));
    }
    diags.sort_by_key(|d| d.labels.first().map(|l| l.range.start));
    (file, diags)
}

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    /// A name or a keyword.
    Name(String),
    /// The digits of a non-negative integer literal.
    Int(String),
    /// A string literal (only docstrings are accepted).
    Str,
    LParen,
    RParen,
    Comma,
    Colon,
    Eq,
    Minus,
    Arrow,
    /// Any other character (accepted only inside type annotations).
    Other(char),
}

/// A token with its place.
#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    span: Span,
    /// Whether a newline stands between this token and the previous one.
    line_start: bool,
}

/// Splits `text` into tokens; also returns the lexical errors found
/// (unterminated strings).
fn tokenize(text: &str) -> (Vec<Token>, Vec<(String, Span)>) {
    let mut tokens = Vec::new();
    let mut errors = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut line_start = true;
    while let Some(&(start, c)) = chars.peek() {
        if c == '\n' {
            line_start = true;
            chars.next();
            continue;
        }
        if c.is_whitespace() || c == '\\' {
            // A backslash continues a line; it means nothing here.
            chars.next();
            continue;
        }
        if c == '#' {
            while chars.next_if(|&(_, c)| c != '\n').is_some() {}
            continue;
        }
        let tok = if c.is_ascii_alphabetic() || c == '_' {
            let mut end = start;
            while let Some((i, c)) = chars.next_if(|&(_, c)| c.is_ascii_alphanumeric() || c == '_')
            {
                end = i + c.len_utf8();
            }
            let word = &text[start..end];
            let is_prefix = word.len() <= 2
                && word
                    .chars()
                    .all(|c| matches!(c.to_ascii_lowercase(), 'r' | 'b' | 'u' | 'f'));
            match chars.peek() {
                Some(&(q, quote @ ('"' | '\''))) if is_prefix => {
                    let (end, closed) = string_end(text, q, quote);
                    skip_to(&mut chars, end);
                    if !closed {
                        errors.push(("unterminated string literal".to_string(), start..end));
                    }
                    tokens.push(Token {
                        tok: Tok::Str,
                        span: start..end,
                        line_start,
                    });
                    line_start = false;
                    continue;
                }
                _ => Tok::Name(word.to_string()),
            }
        } else if c.is_ascii_digit() {
            let mut end = start;
            while let Some((i, c)) = chars.next_if(|&(_, c)| c.is_ascii_alphanumeric() || c == '_')
            {
                end = i + c.len_utf8();
            }
            Tok::Int(text[start..end].to_string())
        } else if c == '"' || c == '\'' {
            let (end, closed) = string_end(text, start, c);
            skip_to(&mut chars, end);
            if !closed {
                errors.push(("unterminated string literal".to_string(), start..end));
            }
            Tok::Str
        } else {
            chars.next();
            match c {
                '(' => Tok::LParen,
                ')' => Tok::RParen,
                ',' => Tok::Comma,
                ':' => Tok::Colon,
                '=' => Tok::Eq,
                '-' if chars.next_if(|&(_, c)| c == '>').is_some() => Tok::Arrow,
                '-' => Tok::Minus,
                other => Tok::Other(other),
            }
        };
        let end = chars.peek().map_or(text.len(), |&(i, _)| i);
        tokens.push(Token {
            tok,
            span: start..end,
            line_start,
        });
        line_start = false;
    }
    (tokens, errors)
}

/// Advances `chars` to byte offset `end`.
fn skip_to(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>, end: usize) {
    while chars.next_if(|&(i, _)| i < end).is_some() {}
}

/// The end of the string literal whose opening quote stands at `open`, and
/// whether it is closed.
fn string_end(text: &str, open: usize, quote: char) -> (usize, bool) {
    let triple: String = std::iter::repeat_n(quote, 3).collect();
    let rest = &text[open..];
    if rest.starts_with(&triple) {
        let body = open + 3;
        let mut iter = text[body..].char_indices();
        while let Some((i, c)) = iter.next() {
            if c == '\\' {
                iter.next();
            } else if text[body + i..].starts_with(&triple) {
                return (body + i + 3, true);
            }
        }
        return (text.len(), false);
    }
    let body = open + quote.len_utf8();
    let mut iter = text[body..].char_indices();
    while let Some((i, c)) = iter.next() {
        match c {
            '\\' => {
                iter.next();
            }
            '\n' => return (body + i, false),
            c if c == quote => return (body + i + 1, true),
            _ => {}
        }
    }
    (text.len(), false)
}

/// A syntax error at `span`.
fn syntax_error(
    file_id: usize,
    message: String,
    span: Span,
    label: Option<String>,
) -> Diagnostic<usize> {
    let mut primary = Label::primary(file_id, span);
    if let Some(label) = label {
        primary = primary.with_message(label);
    }
    Diagnostic::error()
        .with_code(SYNTAX_ERROR)
        .with_message(message)
        .with_labels(vec![primary])
}

/// A syntax error, already recorded; the caller resynchronises.
#[derive(Debug)]
struct Failed;

/// The result of a parsing step.
type PResult<T> = Result<T, Failed>;

/// The parser's state.
#[derive(Debug)]
struct Parser {
    file_id: usize,
    tokens: Vec<Token>,
    pos: usize,
    /// How many calls enclose the expression being parsed.
    depth: usize,
    /// The length of the text (the span of the end of input).
    end: usize,
    diags: Vec<Diagnostic<usize>>,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn peek_tok(&self) -> Option<&Tok> {
        self.peek().map(|t| &t.tok)
    }

    fn nth_tok(&self, n: usize) -> Option<&Tok> {
        self.tokens.get(self.pos + n).map(|t| &t.tok)
    }

    fn bump(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.pos).cloned();
        if token.is_some() {
            self.pos += 1;
        }
        token
    }

    fn at_keyword(&self, keyword: &str) -> bool {
        matches!(self.peek_tok(), Some(Tok::Name(n)) if n == keyword)
    }

    /// The span of the next token, or the end of input.
    fn here(&self) -> Span {
        self.peek().map_or(self.end..self.end, |t| t.span.clone())
    }

    /// The end of the last token consumed.
    fn prev_end(&self) -> usize {
        self.pos
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(0, |t| t.span.end)
    }

    /// Records an error at the next token: "expected WHAT, found ...".
    fn expected<T>(&mut self, what: &str) -> PResult<T> {
        let found = match self.peek_tok() {
            None => "the end of the file".to_string(),
            Some(tok) => describe(tok),
        };
        let span = self.here();
        self.error(
            format!("expected {what}, found {found}"),
            span,
            Some(format!("expected {what}")),
        )
    }

    fn error<T>(&mut self, message: String, span: Span, label: Option<String>) -> PResult<T> {
        self.diags
            .push(syntax_error(self.file_id, message, span, label));
        Err(Failed)
    }

    fn expect(&mut self, tok: Tok, what: &str) -> PResult<Token> {
        if self.peek_tok() == Some(&tok) {
            self.bump().ok_or(Failed)
        } else {
            self.expected(what)
        }
    }

    /// Skips to the next `def` (or the end of input).
    fn resync(&mut self) {
        while self.peek().is_some() && !self.at_keyword("def") {
            self.pos += 1;
        }
    }

    /// Skips an import line: to the end of its line (of the line that
    /// closes its parentheses, if any) or to the next `def`.
    fn skip_import(&mut self) {
        self.pos += 1;
        let mut depth = 0usize;
        while let Some(token) = self.peek() {
            let is_def = matches!(&token.tok, Tok::Name(n) if n == "def");
            if is_def || (token.line_start && depth == 0) {
                break;
            }
            match token.tok {
                Tok::LParen => depth += 1,
                Tok::RParen => depth = depth.saturating_sub(1),
                _ => {}
            }
            self.pos += 1;
        }
    }

    fn card_file(&mut self) -> CardFile {
        let mut file = CardFile::default();
        while let Some(token) = self.peek() {
            match &token.tok {
                Tok::Name(n) if n == "def" => match self.program() {
                    Ok(program) => file.programs.push(program),
                    Err(Failed) => self.resync(),
                },
                Tok::Name(n) if n == "import" || n == "from" => self.skip_import(),
                // Docstrings and other string statements at the top level.
                Tok::Str => self.pos += 1,
                _ => {
                    let _: PResult<()> = self.expected("`def`");
                    self.pos += 1;
                    self.resync();
                }
            }
        }
        file
    }

    /// `def NAME(PARAMS) [-> TYPE]: BODY`.
    fn program(&mut self) -> PResult<Program> {
        let start = self.here().start;
        self.pos += 1; // `def`
        let name = self.name("the program's name")?;
        self.expect(Tok::LParen, "`(`")?;
        let params = self.params()?;
        if self.peek_tok() == Some(&Tok::Arrow) {
            self.pos += 1;
            self.annotation(&[Tok::Colon])?;
        } else if self.peek_tok() == Some(&Tok::Minus) && self.nth_tok(1) == Some(&Tok::Other('>'))
        {
            // `->` rebuilt from macro tokens as `- >`.
            self.pos += 2;
            self.annotation(&[Tok::Colon])?;
        }
        self.expect(Tok::Colon, "`:`")?;
        let mut body = Vec::new();
        let mut ret = None;
        if self.peek_tok() == Some(&Tok::Str) {
            self.pos += 1; // The docstring.
        }
        loop {
            match self.peek_tok() {
                None => break,
                Some(Tok::Name(n)) if n == "def" || n == "import" || n == "from" => break,
                Some(Tok::Name(n)) if n == "return" => {
                    self.pos += 1;
                    ret = Some(self.return_value()?);
                    break;
                }
                Some(Tok::Name(_)) if self.nth_tok(1) == Some(&Tok::Eq) => {
                    body.push(self.assign()?);
                }
                Some(Tok::Str) => {
                    let span = self.here();
                    return self.error(
                        "a string literal is only allowed as the docstring, first in a program"
                            .to_string(),
                        span,
                        Some("not the first statement".to_string()),
                    );
                }
                Some(_) => return self.expected("`NAME = ...` or `return NAME`"),
            }
        }
        Ok(Program {
            name,
            params,
            body,
            ret,
            span: start..self.prev_end(),
        })
    }

    /// The parameters after `(`, up to and including `)`.
    fn params(&mut self) -> PResult<Vec<Ident>> {
        let mut params = Vec::new();
        loop {
            if self.peek_tok() == Some(&Tok::RParen) {
                self.pos += 1;
                return Ok(params);
            }
            params.push(self.name("a parameter name or `)`")?);
            if self.peek_tok() == Some(&Tok::Colon) {
                self.pos += 1;
                self.annotation(&[Tok::Comma, Tok::RParen])?;
            }
            match self.peek_tok() {
                Some(Tok::Comma) => self.pos += 1,
                Some(Tok::RParen) => {}
                _ => return self.expected("`,` or `)`"),
            }
        }
    }

    /// A type annotation: skips balanced tokens up to one of `stops` at
    /// nesting depth 0 (the stop is not consumed).
    fn annotation(&mut self, stops: &[Tok]) -> PResult<()> {
        let start = self.pos;
        let mut depth = 0usize;
        loop {
            let Some(tok) = self.peek_tok() else {
                return self.expected("a type annotation followed by `:`");
            };
            if depth == 0 && stops.contains(tok) {
                break;
            }
            match tok {
                Tok::Name(n) if n == "def" || n == "return" => {
                    return self.expected("a type");
                }
                Tok::Eq => return self.expected("a type (default values are not supported)"),
                Tok::LParen | Tok::Other('[') => depth += 1,
                Tok::RParen | Tok::Other(']') => match depth.checked_sub(1) {
                    Some(d) => depth = d,
                    None => return self.expected("a type"),
                },
                _ => {}
            }
            self.pos += 1;
        }
        if self.pos == start {
            return self.expected("a type");
        }
        Ok(())
    }

    /// The name after `return`.
    fn return_value(&mut self) -> PResult<Ident> {
        match self.peek_tok() {
            Some(Tok::Name(n)) if !RESERVED.contains(&n.as_str()) => {
                if self.nth_tok(1) == Some(&Tok::LParen) {
                    // Parse the call to find its extent, then report it whole.
                    let expr = self.expr()?;
                    return self.error(
                        "`return` takes a variable name, not a call".to_string(),
                        expr.span(),
                        Some("assign this call to a variable and return the variable".to_string()),
                    );
                }
                self.name("a variable name")
            }
            Some(Tok::Int(_) | Tok::Minus) => {
                let expr = self.expr()?;
                self.error(
                    "`return` takes a variable name, not a literal".to_string(),
                    expr.span(),
                    Some("expected a variable name".to_string()),
                )
            }
            _ => self.expected("a variable name after `return`"),
        }
    }

    /// `NAME = EXPR`.
    fn assign(&mut self) -> PResult<Assign> {
        let target = self.name("a variable name")?;
        self.expect(Tok::Eq, "`=`")?;
        let value = self.expr()?;
        Ok(Assign { target, value })
    }

    /// A name that is not a Python keyword.
    fn name(&mut self, what: &str) -> PResult<Ident> {
        match self.peek() {
            Some(Token {
                tok: Tok::Name(n),
                span,
                ..
            }) => {
                if RESERVED.contains(&n.as_str()) {
                    let message = format!("`{n}` is a Python keyword, not a name");
                    let span = span.clone();
                    return self.error(message, span, Some(format!("expected {what}")));
                }
                let ident = Ident {
                    name: n.clone(),
                    span: span.clone(),
                };
                self.pos += 1;
                Ok(ident)
            }
            _ => self.expected(what),
        }
    }

    /// A call, a name or an integer literal.
    fn expr(&mut self) -> PResult<Expr> {
        match self.peek_tok() {
            Some(Tok::Minus) => {
                let minus = self.here();
                self.pos += 1;
                match self.peek_tok() {
                    Some(Tok::Int(_)) => self.int(Some(minus.start)),
                    _ => self.expected("an integer after `-`"),
                }
            }
            Some(Tok::Int(_)) => self.int(None),
            Some(Tok::Name(_)) => {
                let name = self.name("an expression")?;
                if self.peek_tok() != Some(&Tok::LParen) {
                    return Ok(Expr::Name(name));
                }
                if self.depth >= MAX_NESTING {
                    let span = name.span.start..self.here().end;
                    return self.error(
                        format!("calls are nested more than {MAX_NESTING} deep"),
                        span,
                        Some("this call is nested too deeply".to_string()),
                    );
                }
                self.depth += 1;
                let call = self.call(name);
                self.depth -= 1;
                let call = call?;
                if self.peek_tok() == Some(&Tok::LParen) {
                    return self.error(
                        "only a name can be called, not the result of a call".to_string(),
                        call.span,
                        Some("assign this call to a variable, then call the variable".to_string()),
                    );
                }
                Ok(Expr::Call(call))
            }
            _ => self.expected("an expression (a call, a name or an integer)"),
        }
    }

    /// An integer literal; `minus` is where its `-` sign stands.
    fn int(&mut self, minus: Option<usize>) -> PResult<Expr> {
        let Some(Token {
            tok: Tok::Int(digits),
            span,
            ..
        }) = self.bump()
        else {
            return self.expected("an integer");
        };
        let start = minus.unwrap_or(span.start);
        let text = match minus {
            Some(_) => format!("-{digits}"),
            None => digits.clone(),
        };
        match text.parse::<i64>() {
            Ok(value) => Ok(Expr::Int(value, start..span.end)),
            Err(_) => {
                let all_digits = digits.chars().all(|c| c.is_ascii_digit());
                let message = if all_digits {
                    format!("integer literal `{text}` does not fit in 64 bits")
                } else {
                    format!("invalid integer literal `{text}`")
                };
                self.error(message, start..span.end, None)
            }
        }
    }

    /// The arguments of a call to `callee`, from `(` to `)`.
    fn call(&mut self, callee: Ident) -> PResult<Call> {
        let open = self.expect(Tok::LParen, "`(`")?.span;
        let mut args = Vec::new();
        loop {
            if self.peek_tok() == Some(&Tok::RParen) {
                break;
            }
            let keyword = match (self.peek_tok(), self.nth_tok(1)) {
                (Some(Tok::Name(_)), Some(Tok::Eq)) => {
                    let keyword = self.name("a keyword")?;
                    self.pos += 1;
                    Some(keyword)
                }
                _ => None,
            };
            let value = self.expr()?;
            args.push(Arg { keyword, value });
            match self.peek_tok() {
                Some(Tok::Comma) => self.pos += 1,
                Some(Tok::RParen) => {}
                _ => {
                    let result = self.expected("`,` or `)`");
                    if let Some(diag) = self.diags.pop() {
                        let unclosed = Label::secondary(self.file_id, open)
                            .with_message("the call opened here is not closed");
                        self.diags.push(diag.with_labels(vec![unclosed]));
                    }
                    return result;
                }
            }
        }
        let close = self.expect(Tok::RParen, "`)`")?;
        let span = callee.span.start..close.span.end;
        Ok(Call { callee, args, span })
    }
}

/// How a token is named in an error message.
fn describe(tok: &Tok) -> String {
    match tok {
        Tok::Name(n) => format!("`{n}`"),
        Tok::Int(d) => format!("`{d}`"),
        Tok::Str => "a string literal".to_string(),
        Tok::LParen => "`(`".to_string(),
        Tok::RParen => "`)`".to_string(),
        Tok::Comma => "`,`".to_string(),
        Tok::Colon => "`:`".to_string(),
        Tok::Eq => "`=`".to_string(),
        Tok::Minus => "`-`".to_string(),
        Tok::Arrow => "`->`".to_string(),
        Tok::Other(c) => format!("`{c}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `text`, asserting that it has no syntax error.
    fn parse_ok(text: &str) -> CardFile {
        let (file, diags) = parse(0, text);
        let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert!(messages.is_empty(), "unexpected errors: {messages:?}");
        file
    }

    /// The messages of the syntax errors of `text`, and the programs kept.
    fn parse_err(text: &str) -> (Vec<String>, Vec<String>) {
        let (file, diags) = parse(0, text);
        assert!(
            diags
                .iter()
                .all(|d| d.code.as_deref() == Some(SYNTAX_ERROR))
        );
        let names = file.programs.iter().map(|p| p.name.name.clone()).collect();
        (diags.into_iter().map(|d| d.message).collect(), names)
    }

    fn ident(name: &str, start: usize) -> Ident {
        Ident {
            name: name.to_string(),
            span: start..start + name.len(),
        }
    }

    /// The text of `span` in `text`.
    fn at(text: &str, span: &Span) -> String {
        text[span.clone()].to_string()
    }

    #[test]
    fn a_minimal_program_has_exact_spans() {
        let text = "def solve_67a3c6ac(I):\n    O = vmirror(I)\n    return O\n";
        let file = parse_ok(text);
        let program = &file.programs[0];
        assert_eq!(program.name, ident("solve_67a3c6ac", 4));
        assert_eq!(program.params, vec![ident("I", 19)]);
        assert_eq!(at(text, &program.span), text.trim_end());
        let assign = &program.body[0];
        assert_eq!(assign.target, ident("O", 27));
        let Expr::Call(call) = &assign.value else {
            panic!("expected a call, got {:?}", assign.value);
        };
        assert_eq!(call.callee, ident("vmirror", 31));
        assert_eq!(at(text, &call.span), "vmirror(I)");
        assert_eq!(call.args.len(), 1);
        assert_eq!(call.args[0].keyword, None);
        assert_eq!(call.args[0].value, Expr::Name(ident("I", 39)));
        assert_eq!(program.ret, Some(ident("O", 53)));
    }

    #[test]
    fn three_parameters_and_names_integers_and_constants_as_arguments() {
        let text = "def differ_x(S, I, C):\n    x1 = f(C, 3, -1, ZERO)\n    return x1";
        let file = parse_ok(text);
        let program = &file.programs[0];
        let names: Vec<&str> = program.params.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["S", "I", "C"]);
        let Expr::Call(call) = &program.body[0].value else {
            panic!("expected a call");
        };
        let values: Vec<&Expr> = call.args.iter().map(|a| &a.value).collect();
        assert!(matches!(values[0], Expr::Name(n) if n.name == "C"));
        assert!(matches!(values[1], Expr::Int(3, s) if at(text, s) == "3"));
        assert!(matches!(values[2], Expr::Int(-1, s) if at(text, s) == "-1"));
        assert!(matches!(values[3], Expr::Name(n) if n.name == "ZERO"));
    }

    #[test]
    fn a_statement_can_assign_a_name_or_an_integer() {
        let file = parse_ok("def solve_x(I):\n    x1 = I\n    x2 = -7\n    return x2\n");
        let body = &file.programs[0].body;
        assert!(matches!(&body[0].value, Expr::Name(n) if n.name == "I"));
        assert!(matches!(&body[1].value, Expr::Int(-7, _)));
    }

    #[test]
    fn keyword_arguments_nested_calls_and_a_trailing_comma() {
        let text = "def solve_x(I):\n    x1 = objects(grid=I, univalued=T, diagonal=F, \
                    without_bg=T,)\n    x2 = fill(I, ONE, mapply(neighbors, ofcolor(I, FIVE)))\n    \
                    return x2\n";
        let file = parse_ok(text);
        let body = &file.programs[0].body;
        let Expr::Call(objects) = &body[0].value else {
            panic!("expected a call");
        };
        let keywords: Vec<&str> = objects
            .args
            .iter()
            .map(|a| a.keyword.as_ref().map_or("", |k| k.name.as_str()))
            .collect();
        assert_eq!(keywords, ["grid", "univalued", "diagonal", "without_bg"]);
        assert_eq!(
            at(text, &objects.args[0].keyword.as_ref().unwrap().span),
            "grid"
        );
        let Expr::Call(fill) = &body[1].value else {
            panic!("expected a call");
        };
        let Expr::Call(mapply) = &fill.args[2].value else {
            panic!("expected a nested call");
        };
        assert_eq!(
            at(text, &mapply.span),
            "mapply(neighbors, ofcolor(I, FIVE))"
        );
        let Expr::Call(ofcolor) = &mapply.args[1].value else {
            panic!("expected a nested call");
        };
        assert_eq!(at(text, &ofcolor.span), "ofcolor(I, FIVE)");
    }

    #[test]
    fn an_empty_argument_list_and_an_empty_body() {
        let file = parse_ok("def solve_x(I):\n    x1 = f()\n    return I\n");
        let program = &file.programs[0];
        assert!(matches!(&program.body[0].value, Expr::Call(c) if c.args.is_empty()));
        let file = parse_ok("def solve_x(I): return I");
        assert!(file.programs[0].body.is_empty());
        assert_eq!(file.programs[0].ret.as_ref().unwrap().name, "I");
    }

    #[test]
    fn imports_comments_and_docstrings_are_skipped() {
        let text = r#""""The module's docstring.

It spans lines and says "def" and 'return'.
"""
from dsl import *
import os, sys  # a comment
from constants import (ONE,
    TWO)
from x import a, b

# A comment line.
def solve_x(I):  # trailing comment
    r'''A raw docstring with a \' quote.'''
    # Comment between statements.
    x1 = rot90(I)  # return nothing
    return x1

'A string between programs.'

def solve_y(I):
    "A one-line docstring."
    return I
"#;
        let file = parse_ok(text);
        let names: Vec<&str> = file.programs.iter().map(|p| p.name.name.as_str()).collect();
        assert_eq!(names, ["solve_x", "solve_y"]);
        assert_eq!(file.programs[0].body.len(), 1);
    }

    #[test]
    fn an_import_line_ends_at_the_next_def_without_newlines() {
        let file = parse_ok("from dsl import * def solve_x(I): return I");
        assert_eq!(file.programs.len(), 1);
    }

    #[test]
    fn type_annotations_and_return_types_are_skipped() {
        let text = "def solve_x(S: Tuple[Tuple[Grid, Grid], ...], I: Grid, C: Grid) -> Grid:\n    \
                    return I\n\ndef helper(I: dsl.Grid,) -> Optional[Tuple[int, int]]:\n    return I\n";
        let file = parse_ok(text);
        let names: Vec<&str> = file.programs[0]
            .params
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["S", "I", "C"]);
        assert_eq!(file.programs[1].params.len(), 1);
    }

    #[test]
    fn text_rebuilt_from_macro_tokens_parses_without_newlines() {
        let one_line = "def solve_a ( I : Grid ) - > Grid : x1 = rot90 ( I ) \
                        x2 = fill ( grid = x1 , value = - 1 , patch = x1 , ) return x2 \
                        def solve_b ( I ) : return I";
        let file = parse_ok(one_line);
        assert_eq!(file.programs.len(), 2);
        let body = &file.programs[0].body;
        assert_eq!(body.len(), 2);
        let Expr::Call(fill) = &body[1].value else {
            panic!("expected a call");
        };
        assert!(matches!(&fill.args[1].value, Expr::Int(-1, s) if at(one_line, s) == "- 1"));

        let with_newlines = "def solve_a(I: Grid) -> Grid:\n    x1 = rot90(I)\n    \
                             x2 = fill(grid=x1, value=-1, patch=x1,)\n    return x2\n\n\
                             def solve_b(I):\n    return I\n";
        let strip = |f: CardFile| {
            f.programs
                .into_iter()
                .map(|p| (p.name.name, p.body.len(), p.ret.map(|r| r.name)))
                .collect::<Vec<_>>()
        };
        assert_eq!(strip(parse_ok(with_newlines)), strip(parse_ok(one_line)));
    }

    #[test]
    fn a_program_without_return_ends_at_the_next_def() {
        let file = parse_ok("def helper(I):\n    x1 = rot90(I)\ndef solve_x(I):\n    return I\n");
        assert_eq!(file.programs.len(), 2);
        assert_eq!(file.programs[0].ret, None);
        assert_eq!(file.programs[0].body.len(), 1);
        let file = parse_ok("def helper(I):\n    x1 = rot90(I)\n");
        assert_eq!(file.programs[0].ret, None);
    }

    #[test]
    fn an_empty_or_blank_file_has_no_programs() {
        assert!(parse_ok("").programs.is_empty());
        assert!(parse_ok("\n  # only a comment\n\n").programs.is_empty());
    }

    /// A piece of a realistic `solvers.py`, as the ARC DSL community writes it.
    const SOLVERS: &str = r#"from dsl import *
from constants import *


def solve_67a3c6ac(I):
    O = vmirror(I)
    return O


def solve_d10ecb37(I):
    O = crop(I, ORIGIN, TWO_BY_TWO)
    return O


def solve_7b7f7511(I):
    x1 = portrait(I)
    x2 = branch(x1, tophalf, lefthalf)
    O = x2(I)
    return O


def solve_2dc579da(I):
    x1 = vsplit(I, TWO)
    x2 = rbind(hsplit, TWO)
    x3 = mapply(x2, x1)
    O = argmax(x3, numcolors)
    return O


def solve_d037b0a7(I: Grid) -> Grid:
    """Shoot every cell downwards."""
    x1 = objects(grid=I, univalued=T, diagonal=F, without_bg=T)
    x2 = rbind(shoot, DOWN)
    x3 = compose(x2, center)
    x4 = fork(recolor, color, x3)
    x5 = mapply(x4, x1)  # all the rays
    O = paint(I, x5)
    return O


def solve_neg(I):
    O = fill(I, -1, asindices(crop(I, ORIGIN, astuple(2, 2))),)
    return O


def differ_pixels(S, I, C):
    '''Counts the cells that differ.'''
    x1 = cellwise(I, C, NEG_ONE)
    x2 = ofcolor(x1, NEG_ONE)
    O = size(x2)
    return O
"#;

    #[test]
    fn a_realistic_solvers_file_parses() {
        let file = parse_ok(SOLVERS);
        let names: Vec<&str> = file.programs.iter().map(|p| p.name.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "solve_67a3c6ac",
                "solve_d10ecb37",
                "solve_7b7f7511",
                "solve_2dc579da",
                "solve_d037b0a7",
                "solve_neg",
                "differ_pixels"
            ]
        );
        let steps: Vec<usize> = file.programs.iter().map(|p| p.body.len()).collect();
        assert_eq!(steps, [1, 1, 3, 4, 6, 1, 3]);
        assert!(file.programs.iter().all(|p| p.ret.is_some()));
        let d037 = &file.programs[4];
        assert_eq!(
            at(SOLVERS, &d037.span),
            SOLVERS[SOLVERS.find("def solve_d037b0a7").unwrap()
                ..SOLVERS.find("def solve_neg").unwrap()]
                .trim_end()
        );
    }

    #[test]
    fn every_broken_program_is_reported_and_the_others_are_kept() {
        let text = "def solve_a(I):\n    x1 = rot90(I\n    return x1\n\n\
                    def solve_ok1(I):\n    return I\n\n\
                    def solve_b(I):\n    x1 = rot90(I) + 1\n    return x1\n\n\
                    def solve_c(I):\n    return rot90(I)\n\n\
                    def solve_ok2(I):\n    return I\n";
        let (errors, kept) = parse_err(text);
        assert_eq!(
            errors,
            [
                "expected `,` or `)`, found `return`",
                "expected `NAME = ...` or `return NAME`, found `+`",
                "`return` takes a variable name, not a call",
            ]
        );
        assert_eq!(kept, ["solve_ok1", "solve_ok2"]);
    }

    #[test]
    fn syntax_errors_have_clear_messages() {
        let cases: &[(&str, &str)] = &[
            ("x = 5", "expected `def`, found `x`"),
            (
                "def (I): return I",
                "expected the program's name, found `(`",
            ),
            ("def f I): return I", "expected `(`, found `I`"),
            ("def f(I) return I", "expected `:`, found `return`"),
            (
                "def f(I, *a): return I",
                "expected a parameter name or `)`, found `*`",
            ),
            ("def f(I=1): return I", "expected `,` or `)`, found `=`"),
            (
                "def f(I): return",
                "expected a variable name after `return`, found the end of the file",
            ),
            (
                "def f(I): return 3",
                "`return` takes a variable name, not a literal",
            ),
            (
                "def f(I): x = 1.5 return x",
                "expected `NAME = ...` or `return NAME`, found `.`",
            ),
            (
                "def f(I): x = -y return x",
                "expected an integer after `-`, found `y`",
            ),
            (
                "def f(I): x = g(I)(I) return x",
                "only a name can be called, not the result of a call",
            ),
            (
                "def f(I): lambda = g(I) return lambda",
                "`lambda` is a Python keyword, not a name",
            ),
            (
                "def f(I): x = 99999999999999999999 return x",
                "integer literal `99999999999999999999` does not fit in 64 bits",
            ),
            (
                "def f(I): x = 0x1F return x",
                "invalid integer literal `0x1F`",
            ),
            ("def f(I): x = 'abc return x", "unterminated string literal"),
            (
                "def f(I): x = g(I) 'doc' return x",
                "a string literal is only allowed as the docstring, first in a program",
            ),
            (
                "def f(I): x = g(a=) return x",
                "expected an expression (a call, a name or an integer), found `)`",
            ),
            (
                "def f(I): x = g(I,, I) return x",
                "expected an expression (a call, a name or an integer), found `,`",
            ),
            ("def f(I) -> : return I", "expected a type, found `:`"),
            ("def f(I: ) : return I", "expected a type, found `)`"),
            (
                "def f(I): x = g(é) return x",
                "expected an expression (a call, a name or an integer), found `é`",
            ),
        ];
        for &(text, message) in cases {
            let (errors, _) = parse_err(text);
            assert!(
                errors.iter().any(|e| e == message),
                "{text:?}: expected {message:?}, got {errors:?}"
            );
        }
    }

    #[test]
    fn a_syntax_error_points_at_the_offending_token() {
        let text = "def f(I):\n    x = g(I) + 1\n    return x\n";
        let (_, diags) = parse(7, text);
        assert_eq!(diags.len(), 1);
        let label = &diags[0].labels[0];
        assert_eq!(label.file_id, 7);
        assert_eq!(at(text, &label.range), "+");
    }

    #[test]
    fn an_unclosed_call_points_at_its_parenthesis() {
        let text = "def f(I):\n    x = g(I\n    return x\n";
        let (_, diags) = parse(0, text);
        let ranges: Vec<String> = diags[0].labels.iter().map(|l| at(text, &l.range)).collect();
        assert_eq!(ranges, ["return", "("]);
    }

    #[test]
    fn an_error_at_the_end_of_input_has_an_empty_span_there() {
        let text = "def f(I):\n    x = g(";
        let (_, diags) = parse(0, text);
        assert_eq!(diags[0].labels[0].range, text.len()..text.len());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let depth = 100_000;
        let text = format!(
            "def f(I): x = {}I{} return x",
            "g(".repeat(depth),
            ")".repeat(depth)
        );
        let (errors, kept) = parse_err(&text);
        assert_eq!(
            errors,
            [format!("calls are nested more than {MAX_NESTING} deep")]
        );
        assert!(kept.is_empty());
        let ok = format!(
            "def f(I): x = {}I{} return x",
            "g(".repeat(MAX_NESTING),
            ")".repeat(MAX_NESTING)
        );
        parse_ok(&ok);
    }

    #[test]
    fn an_unterminated_string_is_reported_once() {
        let (errors, _) = parse_err("def f(I):\n    x = 'abc\n    return x\n");
        assert_eq!(errors, ["unterminated string literal"]);
    }

    #[test]
    fn unterminated_triple_quoted_string_runs_to_the_end() {
        let text = "\"\"\"never closed\ndef f(I): return I\n";
        let (errors, kept) = parse_err(text);
        assert_eq!(errors, ["unterminated string literal"]);
        assert!(kept.is_empty());
    }
}
