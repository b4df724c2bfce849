//! Designs in and out of the app: JSON export and import (file picker, a file dropped on the
//! page, pasted text), share links (the whole design compressed in the URL fragment) and
//! SVG/PNG pictures of the canvas.
//!
//! What a file or link holds is only ever read by the design reader (`vpc_engine::model::load`)
//! and shown as text: nothing from it is executed or inserted as markup. Compression, file
//! reading, downloads and the picture export use the browser's own APIs through a small
//! JavaScript snippet (no Rust compression code in the download).

use crate::autolayout;
use crate::persist::{self, Library, Notice, Source, Store};
pub use crate::state::notice::{MAX_FILE_BYTES, MAX_LINK_BYTES};
use crate::state::History;
use std::rc::Rc;
use vpc_engine::model::{load, Document};
use wasm_bindgen::prelude::*;

/// The share-link fragment: `#d=2.SEAL.PAYLOAD` (PAYLOAD: the design text compressed with
/// deflate-raw, in base64url; SEAL: the CRC-32 of those compressed bytes, 8 hex digits), or
/// `#d=1.PAYLOAD` from earlier versions, which had no seal.
pub const LINK_KEY: &str = "d=";
/// The share-link format this build writes and the newest it reads.
pub const LINK_VERSION: u32 = 2;
/// The first format with a seal; older links are still read, unsealed.
const SEALED_SINCE: u32 = 2;
/// Longer fragments are refused before decoding (a 60-component design needs about 3,000).
pub const MAX_LINK_CHARS: usize = 200_000;

/// What a dropped or pasted text is, so that each kind goes to the flow that reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A VPC Playground design (or text meant as one that the design reader will explain).
    Design,
    /// A VPC Playground lesson (`"format": "vpc-playground-lesson"`).
    Lesson,
    /// An AWS CloudFormation template (JSON or YAML).
    CloudFormation,
    /// Terraform: a `.tf` file's text, or a plan or state JSON (`terraform show -json`).
    Terraform,
    /// JSON tagged with another `format`.
    Other(String),
}

/// Classifies a dropped or pasted text by a cheap look at its top level. Anything that is
/// not recognisably something else is a [`Kind::Design`], so that the design reader gives
/// its specific message (line and column of a syntax error …).
pub fn classify(text: &str) -> Kind {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if !t.starts_with('{') {
        let cfn = t.lines().take(200).any(|l| {
            let l = l.trim_end();
            l.starts_with("AWSTemplateFormatVersion:") || l == "Resources:"
        });
        // The blocks a Terraform file opens with (the importer's own test, vpc_tf::
        // looks_like_terraform, lives in the worker, not in the page's download).
        let tf = || {
            t.lines().take(400).any(|l| {
                [
                    "resource \"",
                    "module \"",
                    "variable \"",
                    "provider \"",
                    "data \"",
                    "terraform {",
                ]
                .iter()
                .any(|o| l.starts_with(o))
            })
        };
        return if cfn {
            Kind::CloudFormation
        } else if tf() {
            Kind::Terraform
        } else {
            Kind::Design
        };
    }
    let Some(top) = persist::json::members(t) else {
        return Kind::Design;
    };
    let get = |key: &str| {
        top.iter()
            .rev()
            .find(|(k, _)| k.get(1..k.len() - 1) == Some(key))
            .map(|(_, v)| *v)
    };
    if get("AWSTemplateFormatVersion").is_some() || get("Resources").is_some_and(|r| r.starts_with('{')) {
        return Kind::CloudFormation;
    }
    if get("format_version").is_some()
        && ["planned_values", "values", "resource_changes"]
            .iter()
            .any(|k| get(k).is_some())
    {
        return Kind::Terraform;
    }
    match get("format").and_then(persist::json::string).as_deref() {
        Some("vpc-playground-lesson") => Kind::Lesson,
        Some(f) if f != vpc_engine::model::FORMAT => Kind::Other(f.to_owned()),
        _ => Kind::Design,
    }
}

/// Reads `text` as a design and stores it as a new entry of "My designs", made current.
/// On any problem, returns the message and leaves the store exactly as it was.
pub fn import(
    store: &mut impl Store,
    text: &str,
    source: Source,
) -> Result<(Library, History<Rc<Document>>, Notice), Notice> {
    match classify(text) {
        Kind::Design | Kind::Other(_) => {}
        Kind::Lesson => {
            return Err(Notice::NotADesign {
                source,
                what: "lesson".into(),
            })
        }
        Kind::CloudFormation => {
            return Err(Notice::NotADesign {
                source,
                what: "CloudFormation".into(),
            })
        }
        Kind::Terraform => {
            return Err(Notice::NotADesign {
                source,
                what: "Terraform".into(),
            })
        }
    }
    let doc = load(text).map_err(|e| Notice::Unreadable {
        source: source.clone(),
        error: e.to_string(),
    })?;
    add_new(store, doc, source)
}

/// Stores a design read from elsewhere (a file, a link, an imported template) as a new
/// entry of "My designs", made current, named after the design (or the file) and never
/// clashing with an existing name.
pub fn add_new(
    store: &mut impl Store,
    mut doc: Document,
    source: Source,
) -> Result<(Library, History<Rc<Document>>, Notice), Notice> {
    autolayout::complete(&mut doc);
    let base = match &source {
        Source::File(file) if doc.name.trim().is_empty() => {
            let stem = file.rsplit_once('.').map_or(file.as_str(), |(s, _)| s);
            persist::name_of(&Document::new(stem))
        }
        _ => persist::name_of(&doc),
    };
    let name = match source {
        Source::Link => format!("{base} (shared)"),
        _ => base,
    };
    let mut library = Library::read(store);
    let name = library.unique_name(&name);
    library
        .add(store, &name, &doc)
        .map_err(|persist::Refused| Notice::NoRoomForNew { name: name.clone() })?;
    Ok((library, History::new(Rc::new(doc)), Notice::Opened { name, source }))
}

/// The payload of a share-link fragment (`#d=2.SEAL.PAYLOAD`, or `#d=1.PAYLOAD` of earlier
/// versions): `None` when the fragment is not a share link at all, else the payload or what
/// is wrong with the link. A sealed link whose payload does not match its seal (one character
/// changed, the end cut off) is [`Notice::LinkAltered`].
pub fn link_payload(fragment: &str) -> Option<Result<&str, Notice>> {
    let f = fragment.strip_prefix('#').unwrap_or(fragment);
    let rest = f.strip_prefix(LINK_KEY)?;
    let check = || {
        if rest.len() > MAX_LINK_CHARS {
            return Err(Notice::LinkTooLong { chars: rest.len() });
        }
        let (version, payload) = rest.split_once('.').ok_or(Notice::LinkDamaged)?;
        let sealed = match version.parse::<u32>() {
            Ok(1) => false,
            Ok(v) if (SEALED_SINCE..=LINK_VERSION).contains(&v) => true,
            Ok(v) if v > LINK_VERSION => return Err(Notice::LinkFromNewerVersion { version: v.to_string() }),
            _ => return Err(Notice::LinkDamaged),
        };
        let (seal, payload) = if sealed {
            // The link was made with a seal: anything that does not match it was changed.
            payload.split_once('.').ok_or(Notice::LinkAltered)?
        } else {
            ("", payload)
        };
        let base64url = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
        if payload.is_empty() || payload.len() % 4 == 1 || !payload.bytes().all(base64url) {
            return Err(if sealed {
                Notice::LinkAltered
            } else {
                Notice::LinkDamaged
            });
        }
        if sealed && seal_of(payload).as_deref() != Some(seal) {
            return Err(Notice::LinkAltered);
        }
        Ok(payload)
    };
    Some(check())
}

/// The seal of a payload: the CRC-32 of the compressed bytes it encodes, as 8 hex digits.
/// `None` when the payload is not canonical base64url (bits set after the last byte), so that
/// no change of a character can leave the bytes, and the seal, as they were. A CRC-32 detects
/// every change confined to 32 consecutive bits, so any one character changed is detected.
pub fn seal_of(payload: &str) -> Option<String> {
    let bytes = base64url_bytes(payload)?;
    let mut crc = !0u32;
    for b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    Some(format!("{:08x}", !crc))
}

/// Decodes unpadded base64url; `None` for any other character, an impossible length, or
/// leftover bits that are not zero.
fn base64url_bytes(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(u32::from(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        }))
    };
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        acc = (acc << 6) | value(c)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (acc == 0).then_some(out)
}

#[wasm_bindgen(inline_js = r#"
const NS = 'http://www.w3.org/2000/svg';
function save(name, blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}
export function download(name, mime, text) { save(name, new Blob([text], { type: mime })); }
export async function deflate(text) {
  const s = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const b = new Uint8Array(await new Response(s).arrayBuffer());
  let bin = '';
  for (let i = 0; i < b.length; i += 0x8000) bin += String.fromCharCode.apply(null, b.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
export async function inflate(payload, max) {
  let bytes;
  try {
    const bin = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch (_) { throw 'damaged'; }
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const parts = [];
  let n = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      n += value.length;
      if (n > max) { reader.cancel().catch(() => {}); throw 'too-large'; }
      parts.push(value);
    }
  } catch (e) { throw e === 'too-large' ? e : 'damaged'; }
  try { return new TextDecoder('utf-8', { fatal: true }).decode(await new Blob(parts).arrayBuffer()); }
  catch (_) { throw 'damaged'; }
}
export function fileName(f) { return String(f.name || ''); }
export function fileSize(f) { return Number(f.size) || 0; }
export async function fileBytes(f) { return new Uint8Array(await f.arrayBuffer()); }
export function droppedFile(e) {
  const files = e.dataTransfer && e.dataTransfer.files;
  return files && files.length ? files[0] : null;
}
export async function droppedEntries(dt) {
  // The entries are taken now, while the drop event lasts; the files are read after.
  const roots = Array.from((dt && dt.items) || [])
    .map((i) => (i.kind === 'file' && i.webkitGetAsEntry ? i.webkitGetAsEntry() : null))
    .filter(Boolean);
  const out = [];
  const walk = async (entry, path) => {
    if (out.length >= 4000) return;
    if (entry.isFile) {
      out.push([path + entry.name, await new Promise((ok, no) => entry.file(ok, no))]);
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((ok, no) => reader.readEntries(ok, no));
        if (!batch.length) break;
        for (const e of batch) await walk(e, path + entry.name + '/');
      }
    }
  };
  for (const r of roots) await walk(r, '');
  return out;
}
export function hasFiles(e) {
  return !!(e.dataTransfer && Array.prototype.includes.call(e.dataTransfer.types || [], 'Files'));
}
export function pastedText(e) { return (e.clipboardData && e.clipboardData.getData('text/plain')) || ''; }
export function inputFile(input) { const f = input.files && input.files[0]; return f || null; }
export function takeFragment() {
  const h = location.hash;
  if (!h.startsWith('#d=')) return '';
  history.replaceState(history.state, '', location.pathname + location.search);
  return h;
}
export function pageUrl() { return location.href.split('#')[0]; }
export function copyText(text) {
  return navigator.clipboard ? navigator.clipboard.writeText(text).then(() => true, () => false) : Promise.resolve(false);
}
function picture(id) {
  const live = document.getElementById(id);
  if (!live) return null;
  const clone = live.cloneNode(true);
  clone.removeAttribute('id');
  clone.querySelectorAll('.layer-connectors, .ghost-icon').forEach((n) => n.remove());
  const css = [];
  for (const sheet of Array.from(document.styleSheets)) {
    let rules;
    try { rules = sheet.cssRules; } catch (_) { continue; }
    for (const r of Array.from(rules)) {
      const sel = r.selectorText;
      if (!sel) continue;
      if (/(^|,)\s*(:root|html|body)\s*(,|$)/.test(sel)) { css.push(r.cssText.replace(/:root|html|body/g, 'svg')); continue; }
      try { if (live.matches(sel) || live.querySelector(sel)) css.push(r.cssText); } catch (_) {}
    }
  }
  const style = document.createElementNS(NS, 'style');
  style.textContent = css.join('\n');
  clone.insertBefore(style, clone.firstChild);
  // The drawing's own bounds (not the background that fills the view).
  let box = null;
  for (const g of live.querySelectorAll('g[class^="layer-"], [data-testid="canvas.internet"]')) {
    const b = g.getBBox();
    if (!b.width && !b.height) continue;
    box = box ? { x: Math.min(box.x, b.x), y: Math.min(box.y, b.y),
                  r: Math.max(box.r, b.x + b.width), b: Math.max(box.b, b.y + b.height) }
              : { x: b.x, y: b.y, r: b.x + b.width, b: b.y + b.height };
  }
  if (!box) box = { x: 0, y: 0, r: 320, b: 200 };
  box.width = box.r - box.x;
  box.height = box.b - box.y;
  const m = 24;
  const w = Math.ceil(box.width + 2 * m), h = Math.ceil(box.height + 2 * m);
  clone.setAttribute('viewBox', [box.x - m, box.y - m, w, h].join(' '));
  const bg = clone.querySelector('rect.background');
  if (bg) [['x', box.x - m], ['y', box.y - m], ['width', w], ['height', h]].forEach(([k, v]) => bg.setAttribute(k, v));
  clone.setAttribute('width', w);
  clone.setAttribute('height', h);
  clone.setAttribute('xmlns', NS);
  clone.setAttribute('style', 'background:#fafbfc;font-family:' + getComputedStyle(live).fontFamily);
  return { text: new XMLSerializer().serializeToString(clone), w, h };
}
export function svgText(id) { const p = picture(id); return p ? p.text : ''; }
export function exportSvg(id, name) {
  const p = picture(id);
  if (!p) return false;
  save(name, new Blob([p.text], { type: 'image/svg+xml' }));
  return true;
}
export function exportPng(id, name) {
  const p = picture(id);
  if (!p) return Promise.resolve(false);
  return new Promise((resolve) => {
    const img = new Image();
    const url = URL.createObjectURL(new Blob([p.text], { type: 'image/svg+xml' }));
    img.onload = () => {
      const scale = Math.min(2, 16000 / Math.max(p.w, p.h));
      const c = document.createElement('canvas');
      c.width = Math.round(p.w * scale);
      c.height = Math.round(p.h * scale);
      const g = c.getContext('2d');
      g.fillStyle = '#fafbfc';
      g.fillRect(0, 0, c.width, c.height);
      g.drawImage(img, 0, 0, c.width, c.height);
      URL.revokeObjectURL(url);
      c.toBlob((b) => { if (b) save(name, b); resolve(!!b); }, 'image/png');
    };
    img.onerror = () => { URL.revokeObjectURL(url); resolve(false); };
    img.src = url;
  });
}
"#)]
extern "C" {
    fn download(name: &str, mime: &str, text: &str);
    #[wasm_bindgen(catch)]
    async fn deflate(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn inflate(payload: &str, max: f64) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = fileName)]
    fn file_name(f: &JsValue) -> String;
    #[wasm_bindgen(js_name = fileSize)]
    fn file_size(f: &JsValue) -> f64;
    #[wasm_bindgen(catch, js_name = fileBytes)]
    async fn file_bytes(f: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = droppedFile)]
    pub fn dropped_file(e: &JsValue) -> JsValue;
    #[wasm_bindgen(catch, js_name = droppedEntries)]
    async fn dropped_entries_js(data_transfer: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = hasFiles)]
    pub fn has_files(e: &JsValue) -> bool;
    #[wasm_bindgen(js_name = pastedText)]
    pub fn pasted_text(e: &JsValue) -> String;
    #[wasm_bindgen(js_name = inputFile)]
    pub fn input_file(input: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = takeFragment)]
    pub fn take_fragment() -> String;
    #[wasm_bindgen(js_name = pageUrl)]
    fn page_url() -> String;
    #[wasm_bindgen(js_name = copyText)]
    async fn copy_text(text: &str) -> JsValue;
    /// The canvas as standalone SVG markup (for tests).
    #[wasm_bindgen(js_name = svgText)]
    pub fn svg_text(id: &str) -> String;
    #[wasm_bindgen(js_name = exportSvg)]
    fn export_svg(id: &str, name: &str) -> bool;
    #[wasm_bindgen(js_name = exportPng)]
    async fn export_png(id: &str, name: &str) -> JsValue;
}

/// Every file a drop brings, with its path: a dropped folder is walked (its files by their
/// path under it, `infra/modules/net/main.tf`), dropped files are themselves. Read before
/// the drop event ends (the browser forgets the entries after), the files after.
pub async fn dropped_entries(data_transfer: &JsValue) -> Vec<(String, JsValue)> {
    let Ok(list) = dropped_entries_js(data_transfer).await else {
        return vec![];
    };
    js_sys::Array::from(&list)
        .iter()
        .filter_map(|pair| {
            let pair = js_sys::Array::from(&pair);
            Some((pair.get(0).as_string()?, pair.get(1)))
        })
        .collect()
}

/// A file name for a design: its name with anything unsafe in a file name replaced.
pub fn file_stem(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || !c.is_ascii() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    let s = s.trim_matches('-').to_owned();
    if s.is_empty() {
        "design".into()
    } else {
        s
    }
}

/// Downloads the design as a JSON file (the export format).
pub fn export_json(doc: &Document, name: &str) {
    download_json(&format!("{}.vpcplay.json", file_stem(name)), &doc.to_export_json());
}

/// Offers JSON text to the browser as a downloaded file (designs, lessons).
pub fn download_json(file: &str, text: &str) {
    if cfg!(target_arch = "wasm32") {
        download(file, "application/json", text);
    }
}

/// Downloads the canvas as an SVG picture.
pub fn export_picture_svg(name: &str) -> bool {
    export_svg(crate::dom::CANVAS_ID, &format!("{}.svg", file_stem(name)))
}

/// Downloads the canvas as a PNG picture at twice its size.
pub async fn export_picture_png(name: &str) -> bool {
    export_png(crate::dom::CANVAS_ID, &format!("{}.png", file_stem(name)))
        .await
        .is_truthy()
}

/// The share-link fragment of a design, without `#`: `d=2.`, the seal and the compressed text.
pub async fn link_fragment(doc: &Document) -> Option<String> {
    fragment_of_text(&persist::stored_text(doc)).await
}

/// The share-link fragment that carries `text`.
pub async fn fragment_of_text(text: &str) -> Option<String> {
    let payload = deflate(text).await.ok()?.as_string()?;
    let seal = seal_of(&payload)?;
    Some(format!("{LINK_KEY}{LINK_VERSION}.{seal}.{payload}"))
}

/// The whole share link of a design.
pub async fn share_link(doc: &Document) -> Option<String> {
    share_link_of_text(&persist::stored_text(doc)).await
}

/// The whole share link of any text the page can open (a design, a lesson): opening it
/// routes the text by its kind.
pub async fn share_link_of_text(text: &str) -> Option<String> {
    Some(format!("{}#{}", page_url(), fragment_of_text(text).await?))
}

/// Copies text to the clipboard; false when the browser refused.
pub async fn copy(text: &str) -> bool {
    copy_text(text).await.is_truthy()
}

/// The design text a share-link fragment holds, or what is wrong with the link; `None` when
/// the fragment is not a share link.
pub async fn link_text(fragment: &str) -> Option<Result<String, Notice>> {
    let payload = match link_payload(fragment)? {
        Ok(p) => p,
        Err(n) => return Some(Err(n)),
    };
    Some(match inflate(payload, MAX_LINK_BYTES as f64).await {
        Ok(text) => text.as_string().ok_or(Notice::LinkDamaged),
        Err(e) if e.as_string().as_deref() == Some("too-large") => Err(Notice::LinkTooLarge),
        Err(_) => Err(Notice::LinkDamaged),
    })
}

/// Reads a picked or dropped file's text (its name and text); files over [`MAX_FILE_BYTES`]
/// are refused before reading. Route the text with [`classify`].
pub async fn read_file(file: &JsValue) -> Result<(String, String), Notice> {
    let name = file_name(file);
    let bytes = file_size(file);
    if bytes > MAX_FILE_BYTES as f64 {
        return Err(Notice::FileTooLarge { name, bytes });
    }
    match file_bytes(file).await {
        Ok(b) => file_text(&name, &js_sys::Uint8Array::new(&b).to_vec()).map(|text| (name, text)),
        Err(_) => Err(Notice::Unreadable {
            source: Source::File(name),
            error: "the browser could not read the file".into(),
        }),
    }
}

/// A file's bytes as text, decided by the engine's one reader (`vpc_engine::model::decode`,
/// as in the CLI): UTF-8 with at most one byte-order mark, anything else refused by name.
pub fn file_text(name: &str, bytes: &[u8]) -> Result<String, Notice> {
    vpc_engine::model::decode(bytes)
        .map(str::to_owned)
        .map_err(|e| Notice::Unreadable {
            source: Source::File(name.to_owned()),
            error: e.to_string(),
        })
}

#[cfg(test)]
mod tests;
