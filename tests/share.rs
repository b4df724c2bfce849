//! Share links and hostile input in a real browser: the link codec uses the browser's
//! CompressionStream/DecompressionStream, so its round-trip and no-panic properties are
//! tested here. Run with `cargo test --target wasm32-unknown-unknown --test share`.
#![cfg(target_arch = "wasm32")]

use vpc_engine::generate::{generate, Shape};
use vpc_engine::model::{load, Document};
use vpc_playground::persist::Source;
use vpc_playground::persist::{self, Local, Notice, Store};
use vpc_playground::transfer::{self, link_fragment, link_text};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A share link opened as the app opens a design's link: its text, read into a new design.
async fn open_link(store: &mut persist::MemStore, fragment: &str) -> Option<Result<(), Notice>> {
    Some(match link_text(fragment).await? {
        Ok(text) => transfer::import(store, &text, Source::Link).map(|_| ()),
        Err(n) => Err(n),
    })
}

/// Everything in localStorage, to check that nothing changed.
fn snapshot() -> Vec<(String, Option<String>)> {
    let mut keys = Local.keys();
    keys.sort();
    keys.into_iter().map(|k| (k.clone(), Local.get(&k))).collect()
}

/// A small deterministic generator (xorshift) for arbitrary fragments.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn markup_design() -> Document {
    let mut d = persist::starter();
    let m = "<img src=x onerror=\"alert(1)\"><script>alert(2)</script>&amp;";
    d.name = format!("Name {m}");
    d.description = format!("Description {m}");
    for s in &mut d.subnets {
        s.name = format!("{} {m}", s.id.as_str());
    }
    for f in &mut d.functions {
        f.name = format!("{} {m}", f.id.as_str());
    }
    d
}

#[wasm_bindgen_test]
async fn share_links_round_trip_designs_exactly() {
    let mut designs = vec![persist::starter(), markup_design(), Document::new("empty")];
    for (n, seed) in [(10, 1), (60, 2), (60, 3), (300, 4)] {
        designs.push(generate(&Shape::for_components(n, seed)));
    }
    for doc in designs {
        let fragment = link_fragment(&doc).await.expect("the browser compresses");
        assert!(fragment.starts_with("d=2."), "{fragment}");
        let text = link_text(&fragment).await.unwrap().unwrap();
        assert_eq!(load(&text).unwrap(), doc, "{}", doc.name);
        let with_hash = link_text(&format!("#{fragment}")).await.unwrap().unwrap();
        assert_eq!(with_hash, text);
    }
}

/// Links made before the seal (`#d=1.PAYLOAD`) still open, as the same design.
#[wasm_bindgen_test]
async fn unsealed_links_of_the_first_format_still_open() {
    let doc = persist::starter();
    let sealed = link_fragment(&doc).await.unwrap();
    let payload = sealed.rsplit('.').next().unwrap();
    let old = format!("#d=1.{payload}");
    let text = link_text(&old).await.unwrap().unwrap();
    assert_eq!(load(&text).unwrap(), doc);
    let mut store = persist::MemStore::default();
    assert_eq!(open_link(&mut store, &old).await, Some(Ok(())));
}

#[wasm_bindgen_test]
async fn a_sixty_component_design_fits_well_under_eight_kilobytes_of_url() {
    let mut worst = 0;
    for seed in 1..=5 {
        // Laid out as the app lays out a design it opens: positions are part of the link.
        let mut doc = generate(&Shape::for_components(60, seed));
        vpc_playground::autolayout::complete(&mut doc);
        assert!((55..=65).contains(&doc.components().count()));
        assert!(doc.layout.len() >= 55, "every component has a position");
        let url = format!(
            "https://example.org/vpc-playground/#{}",
            link_fragment(&doc).await.unwrap()
        );
        worst = worst.max(url.len());
        console_log!(
            "share link, 60 components (seed {seed}): {} characters of URL ({} bytes of JSON)",
            url.len(),
            persist::stored_text(&doc).len()
        );
    }
    assert!(worst < 8_000 / 2, "{worst} characters: well under 8 KB");
}

#[wasm_bindgen_test]
async fn arbitrary_and_tampered_fragments_never_panic_and_change_nothing() {
    Local.remove(persist::LIBRARY_KEY);
    let before = snapshot();
    let good = link_fragment(&persist::starter()).await.unwrap();
    let alphabet: Vec<char> = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/%#ä\u{0}"
        .chars()
        .collect();
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut cases: Vec<String> = Vec::new();
    for _ in 0..150 {
        let len = rng.below(80);
        let body: String = (0..len).map(|_| alphabet[rng.below(alphabet.len())]).collect();
        cases.push(match rng.below(3) {
            0 => format!("d=1.{body}"),
            1 => format!("#d={body}"),
            _ => body,
        });
    }
    // Truncated, or one character changed, somewhere in a real (sealed) link: always refused.
    let mut tampered = Vec::new();
    while tampered.len() < 60 {
        let mut chars: Vec<char> = good.chars().collect();
        if rng.below(2) == 0 {
            chars.truncate(4 + rng.below(chars.len() - 4));
        } else {
            let at = 4 + rng.below(chars.len() - 4);
            chars[at] = alphabet[rng.below(64)];
        }
        let case: String = chars.into_iter().collect();
        if case != good {
            tampered.push(case);
        }
    }
    for case in &tampered {
        let mut store = persist::MemStore::default();
        let refused = open_link(&mut store, case).await;
        assert!(
            matches!(
                refused,
                Some(Err(Notice::LinkAltered
                    | Notice::LinkDamaged
                    | Notice::LinkFromNewerVersion { .. }))
            ),
            "{case}: {refused:?}"
        );
        assert_eq!(store, persist::MemStore::default(), "{case}: nothing stored");
    }
    cases.extend(tampered);
    let mut damaged = 0;
    for case in &cases {
        let mut store = persist::MemStore::default();
        match open_link(&mut store, case).await {
            None => assert!(!case.trim_start_matches('#').starts_with("d="), "{case}"),
            Some(Ok(_)) => {
                // A change that still decodes to a readable design opens as a new design.
            }
            Some(Err(n)) => {
                damaged += 1;
                assert!(
                    matches!(
                        n,
                        Notice::LinkDamaged
                            | Notice::LinkAltered
                            | Notice::LinkFromNewerVersion { .. }
                            | Notice::Unreadable { .. }
                            | Notice::NotADesign { .. }
                    ),
                    "{case}: {n:?}"
                );
                assert_eq!(store, persist::MemStore::default(), "{case}: nothing stored");
            }
        }
    }
    assert!(damaged > 150, "{damaged} of {} refused", cases.len());
    assert_eq!(snapshot(), before, "the browser's storage is untouched");
}

#[wasm_bindgen_test]
async fn a_link_that_would_inflate_beyond_the_limit_is_refused() {
    // Highly compressible: a few kilobytes of link that would unpack to 9 MB.
    let huge = format!("{{\"document\":{{\"name\":\"{}\"}}}}", "0".repeat(9 * 1024 * 1024));
    let fragment = transfer_fragment_of_text(&huge).await;
    assert!(fragment.len() < 40_000, "{}", fragment.len());
    assert_eq!(link_text(&fragment).await, Some(Err(Notice::LinkTooLarge)));
}

/// The fragment a (possibly hostile) text would travel in.
async fn transfer_fragment_of_text(text: &str) -> String {
    // Go through a Document-free path: the codec compresses whatever text it is given.
    transfer::fragment_of_text(text).await.unwrap()
}

#[wasm_bindgen_test]
async fn future_and_oversized_links_get_their_own_messages() {
    assert_eq!(
        link_text("#d=3.00000000.AAAA").await,
        Some(Err(Notice::LinkFromNewerVersion { version: "3".into() }))
    );
    let long = format!("#d=1.{}", "A".repeat(transfer::MAX_LINK_CHARS + 4));
    assert!(matches!(link_text(&long).await, Some(Err(Notice::LinkTooLong { .. }))));
    assert_eq!(link_text("#section").await, None);
}

#[wasm_bindgen_test]
async fn markup_in_names_is_shown_as_text_on_the_canvas_and_in_the_exported_picture() {
    use vpc_playground::app::App;
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    storage
        .set_item(persist::DESIGN_KEY, &markup_design().to_export_json())
        .unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    let output = document.create_element("div").unwrap();
    output.set_attribute("style", "width:1200px;height:800px").unwrap();
    document.body().unwrap().append_child(&output).unwrap();
    let handle = yew::Renderer::<App>::with_root(output.clone()).render();
    yew::scheduler::flush().await;

    assert_eq!(output.query_selector_all("img, script").unwrap().length(), 0);
    let text = output.text_content().unwrap();
    assert!(text.contains("orders-fn <img src=x onerror=\"alert(1)\"><script>alert(2)</script>&amp;"));
    let svg = transfer::svg_text(vpc_playground::dom::CANVAS_ID);
    assert!(
        svg.contains("&lt;img src=x onerror=\"alert(1)\"&gt;&lt;script&gt;"),
        "escaped in the SVG"
    );
    assert!(!svg.contains("<script>"));
    assert!(
        svg.contains("data-testid=\"badge.orders-fn.internet\""),
        "with the verdict badges"
    );
    // The picture parses as a standalone SVG document.
    let parsed = web_sys::DomParser::new()
        .unwrap()
        .parse_from_string(&svg, web_sys::SupportedType::ImageSvgXml)
        .unwrap();
    assert!(parsed.query_selector("parsererror").unwrap().is_none());
    assert_eq!(parsed.query_selector_all("script, img").unwrap().length(), 0);

    handle.destroy();
    yew::scheduler::flush().await;
    output.remove();
    storage.clear().unwrap();
}
