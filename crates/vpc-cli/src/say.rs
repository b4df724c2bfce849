//! Rendering a message for the reader, without ever crashing the command.

use vpc_engine::explain::{Lang, Message, CATALOGUE};

/// The message's sentence in `lang`. Should an engine id lack its catalogue entry (the
/// engine's catalogue test fails in that case), prints the id and its arguments instead of
/// aborting the whole report.
pub fn render(m: &Message, lang: Lang) -> String {
    if CATALOGUE.iter().any(|e| e.id == m.id) {
        m.render(lang)
    } else {
        let args: Vec<String> = m.args.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("{} ({})", m.id.code(), args.join(", "))
    }
}

/// A verdict's sentence: its headline, then the note saying which port range its port
/// stands for, when it stands for one.
pub fn verdict_text(v: &vpc_engine::reach::Verdict, lang: Lang) -> String {
    let mut text = render(&v.message, lang);
    if let Some(note) = v.range_note() {
        text.push(' ');
        text.push_str(&render(&note, lang));
    }
    text
}
