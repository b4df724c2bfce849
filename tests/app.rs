//! The app in a real browser: mounted into a fresh element, driven through DOM events, read
//! through the `data-testid` contract. Run with
//! `cargo test --target wasm32-unknown-unknown --test app`.
#![cfg(target_arch = "wasm32")]

use vpc_playground::app::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::scheduler;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Mounts a fresh app with empty storage (the starter design, English).
async fn mount() -> (yew::AppHandle<App>, Element) {
    storage().clear().unwrap();
    mount_as_is().await
}

/// Mounts a fresh app on whatever storage holds.
async fn mount_as_is() -> (yew::AppHandle<App>, Element) {
    let output = document().create_element("div").unwrap();
    output.set_id("output");
    output.set_attribute("style", "width:1200px;height:800px").unwrap();
    document().body().unwrap().append_child(&output).unwrap();
    let handle = yew::Renderer::<App>::with_root(output.clone()).render();
    scheduler::flush().await;
    (handle, output)
}

async fn unmount(handle: yew::AppHandle<App>, output: Element) {
    handle.destroy();
    scheduler::flush().await;
    output.remove();
}

fn by_testid(id: &str) -> Option<Element> {
    document().query_selector(&format!("[data-testid=\"{id}\"]")).unwrap()
}

fn get(id: &str) -> Element {
    by_testid(id).unwrap_or_else(|| panic!("no element with data-testid {id}"))
}

/// A bubbling DOM event (Yew listens at the root).
fn fire(el: &Element, event: web_sys::Event) {
    el.dispatch_event(&event).unwrap();
}

fn click(el: &Element) {
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    fire(
        el,
        web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init)
            .unwrap()
            .into(),
    );
}

fn key(el: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_bubbles(true);
    init.set_key(key);
    fire(
        el,
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
            .unwrap()
            .into(),
    );
}

fn type_into(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    fire(input, web_sys::Event::new_with_event_init_dict("input", &init).unwrap());
}

/// `data-reach` of every verdict in the panel and every badge, by test id.
fn reaches() -> Vec<(String, String)> {
    let list = document()
        .query_selector_all("[data-testid^=\"verdicts.item.\"], [data-testid^=\"badge.\"]")
        .unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .map(|e| {
            (
                e.get_attribute("data-testid").unwrap(),
                e.get_attribute("data-reach").unwrap_or_default(),
            )
        })
        .collect()
}

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[wasm_bindgen_test]
async fn the_starter_design_renders_with_a_red_internet_badge() {
    let (handle, output) = mount().await;
    assert_eq!(get("app").get_attribute("data-ready").as_deref(), Some("true"));
    for id in [
        "main-vpc",
        "public-a",
        "private-a",
        "main-igw",
        "orders-fn",
        "orders-db",
    ] {
        assert!(by_testid(&format!("canvas.node.{id}")).is_some(), "{id} is drawn");
    }
    assert_eq!(
        get("canvas.node.public-a").get_attribute("data-public").as_deref(),
        Some("true")
    );
    assert_eq!(
        get("canvas.node.private-a").get_attribute("data-public").as_deref(),
        Some("false")
    );
    assert_eq!(
        get("badge.orders-fn.internet").get_attribute("data-reach").as_deref(),
        Some("unreachable")
    );
    assert_eq!(
        get("badge.orders-fn.orders-db").get_attribute("data-reach").as_deref(),
        Some("reachable")
    );
    assert_eq!(
        get("verdicts.item.orders-fn.internet")
            .get_attribute("data-reach")
            .as_deref(),
        Some("unreachable")
    );
    assert!(
        by_testid("canvas.route.public-rt.0").is_some(),
        "the public route is drawn"
    );
    assert!(by_testid("explain.card").is_none(), "no card until a badge is clicked");
    unmount(handle, output).await;
}

#[wasm_bindgen_test]
async fn clicking_a_badge_opens_the_explanation_card_with_its_aws_link() {
    let (handle, output) = mount().await;
    click(&get("badge.orders-fn.internet"));
    scheduler::flush().await;
    let text = get("explain.text").text_content().unwrap();
    assert!(text.contains("orders-fn"), "{text}");
    assert!(!text.contains('{'), "every placeholder filled: {text}");
    assert_eq!(get("explain.rule").text_content().as_deref(), Some("L6"));
    let link = get("explain.link");
    assert!(link
        .get_attribute("href")
        .unwrap()
        .starts_with("https://docs.aws.amazon.com/"));
    assert_eq!(link.get_attribute("target").as_deref(), Some("_blank"));
    assert!(link.get_attribute("rel").unwrap().contains("noopener"));
    assert!(by_testid("explain.hop.0").is_some());
    // The path is on the canvas: the function passes, the route table that sends it to the
    // internet gateway blocks.
    assert_eq!(
        get("canvas.node.orders-fn").get_attribute("data-path").as_deref(),
        Some("allowed")
    );
    assert_eq!(
        get("canvas.node.public-rt").get_attribute("data-path").as_deref(),
        Some("blocked")
    );
    click(&get("explain.close"));
    scheduler::flush().await;
    assert!(by_testid("explain.card").is_none());
    assert!(get("canvas.node.orders-fn").get_attribute("data-path").is_none());
    unmount(handle, output).await;
}

#[wasm_bindgen_test]
async fn the_language_toggle_switches_the_card_to_chinese_and_is_remembered() {
    // The browser build fetches its Chinese texts; here they are handed over directly.
    vpc_playground::zh_texts::install(include_str!("../www/zh.txt")).unwrap();
    let (handle, output) = mount().await;
    click(&get("badge.orders-fn.internet"));
    scheduler::flush().await;
    let english = get("explain.text").text_content().unwrap();
    assert!(!has_chinese(&english));
    let toggle = get("toolbar.lang");
    assert_eq!(toggle.text_content().unwrap().trim(), "中文");
    toggle.dyn_ref::<HtmlElement>().unwrap().click();
    scheduler::flush().await;
    let chinese = get("explain.text").text_content().unwrap();
    assert!(has_chinese(&chinese), "{chinese}");
    assert!(chinese.contains("orders-fn"));
    assert_eq!(get("explain.rule").text_content().as_deref(), Some("L6"));
    let badge = get("badge.orders-fn.internet").text_content().unwrap();
    assert!(
        badge.contains("互联网"),
        "the internet badge speaks the reader's language: {badge}"
    );
    assert_eq!(get("toolbar.lang").text_content().unwrap().trim(), "English");
    let stored = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("vpcplay.lang")
        .unwrap();
    assert_eq!(stored.as_deref(), Some("zh"));
    unmount(handle, output).await;
}

#[wasm_bindgen_test]
async fn a_malformed_cidr_shows_the_error_inline_and_leaves_every_verdict() {
    let (handle, output) = mount().await;
    let before = reaches();
    assert!(!before.is_empty());
    key(&get("canvas.node.public-a"), "Enter");
    scheduler::flush().await;
    let input: HtmlInputElement = get("inspector.cidr").dyn_into().unwrap();
    assert_eq!(input.value(), "10.0.0.0/24");
    assert!(by_testid("inspector.cidr.error").is_none());

    type_into(&input, "10.0.0.0/33");
    scheduler::flush().await;
    let error = get("inspector.cidr.error").text_content().unwrap();
    assert!(error.contains("10.0.0.0/33"), "{error}");
    assert!(!error.contains('{'), "{error}");
    assert_eq!(reaches(), before, "verdicts unchanged");
    let input: HtmlInputElement = get("inspector.cidr").dyn_into().unwrap();
    assert_eq!(input.value(), "10.0.0.0/33", "the draft stays in the field");
    let saved = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("vpcplay.design")
        .unwrap();
    assert!(saved.is_none(), "nothing was saved: the design did not change");

    // A valid value is committed and the message goes.
    type_into(&input, "10.0.5.0/24");
    scheduler::flush().await;
    assert!(by_testid("inspector.cidr.error").is_none());
    assert!(get("canvas.node.public-a")
        .text_content()
        .unwrap()
        .contains("10.0.5.0/24"));
    unmount(handle, output).await;
}

#[wasm_bindgen_test]
async fn an_unreadable_saved_design_is_kept_and_reported_not_overwritten() {
    storage().clear().unwrap();
    storage()
        .set_item("vpcplay.design", "{ \"format\": \"vpc-playground\", broken")
        .unwrap();
    let (handle, output) = mount_as_is().await;
    let banner = get("banner").text_content().unwrap();
    assert!(banner.contains("vpcplay.design.unreadable"), "{banner}");
    assert_eq!(
        storage().get_item("vpcplay.design.unreadable").unwrap().as_deref(),
        Some("{ \"format\": \"vpc-playground\", broken")
    );
    // The starter is shown instead, and nothing was written over the saved text yet.
    assert!(by_testid("canvas.node.orders-fn").is_some());
    assert_eq!(
        storage().get_item("vpcplay.design").unwrap().as_deref(),
        Some("{ \"format\": \"vpc-playground\", broken")
    );
    unmount(handle, output).await;
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn a_saved_design_is_opened_and_every_change_is_saved() {
    storage().clear().unwrap();
    let mut doc = vpc_playground::persist::starter();
    doc.subnets.retain(|s| s.id.as_str() != "public-b");
    storage().set_item("vpcplay.design", &doc.to_export_json()).unwrap();
    let (handle, output) = mount_as_is().await;
    assert!(by_testid("canvas.node.public-b").is_none());
    assert!(by_testid("canvas.node.public-a").is_some());
    // Enter on a palette item adds it; the design is saved at once.
    key(&get("canvas.node.private-b"), "Enter");
    scheduler::flush().await;
    get("palette.item.ec2").dyn_ref::<HtmlElement>().unwrap().click();
    scheduler::flush().await;
    let saved = storage().get_item("vpcplay.design").unwrap().unwrap();
    let saved = vpc_engine::model::load(&saved).unwrap();
    assert_eq!(saved.instances.len(), 1);
    assert_eq!(saved.instances[0].subnet.as_str(), "private-b");
    assert!(by_testid(&format!("canvas.node.{}", saved.instances[0].id)).is_some());
    // Undo takes it away again, in the saved design too.
    get("toolbar.undo").dyn_ref::<HtmlElement>().unwrap().click();
    scheduler::flush().await;
    let saved = vpc_engine::model::load(&storage().get_item("vpcplay.design").unwrap().unwrap()).unwrap();
    assert!(saved.instances.is_empty());
    unmount(handle, output).await;
    storage().clear().unwrap();
}

/// What another tab does: saves its own version of the design, and the browser tells this
/// tab with a `storage` event.
fn other_tab_saves(text: &str) {
    storage().set_item("vpcplay.design", text).unwrap();
    let event = web_sys::Event::new("storage").unwrap();
    js_sys::Reflect::set(&event, &"key".into(), &"vpcplay.design".into()).unwrap();
    js_sys::Reflect::set(&event, &"newValue".into(), &text.into()).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
}

/// Issue 19: two tabs on one design overwrote each other, the last save winning.
#[wasm_bindgen_test]
async fn a_design_saved_by_another_tab_is_never_overwritten_and_both_can_be_kept() {
    storage().clear().unwrap();
    let doc = vpc_playground::persist::starter();
    storage().set_item("vpcplay.design", &doc.to_export_json()).unwrap();
    let (handle, output) = mount_as_is().await;
    let mut theirs = doc.clone();
    theirs.name = "Edited in the other tab".into();
    let theirs = vpc_playground::persist::stored_text(&theirs);
    other_tab_saves(&theirs);
    scheduler::flush().await;
    assert!(by_testid("banner.other-tab").is_some(), "this tab says so at once");
    // An edit here is not saved over the other tab's version.
    key(&get("canvas.node.private-b"), "Enter");
    scheduler::flush().await;
    get("palette.item.ec2").dyn_ref::<HtmlElement>().unwrap().click();
    scheduler::flush().await;
    assert_eq!(storage().get_item("vpcplay.design").unwrap().unwrap(), theirs);
    // Keep both: this tab's design, with the new instance, becomes a design of its own.
    get("banner.other-tab.keep-both")
        .dyn_ref::<HtmlElement>()
        .unwrap()
        .click();
    scheduler::flush().await;
    assert!(by_testid("banner.other-tab").is_none());
    assert_eq!(storage().get_item("vpcplay.design").unwrap().unwrap(), theirs);
    let library = storage().get_item("vpcplay.library").unwrap().unwrap();
    assert!(library.contains("(this tab)"), "{library}");
    let mine = vpc_engine::model::load(&storage().get_item("vpcplay.design.2").unwrap().unwrap()).unwrap();
    assert_eq!(mine.instances.len(), 1);
    unmount(handle, output).await;
    storage().clear().unwrap();
}

fn change_select(id: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = get(id).dyn_into().unwrap();
    select.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    fire(
        &select,
        web_sys::Event::new_with_event_init_dict("change", &init).unwrap(),
    );
}

fn saved_design() -> vpc_engine::model::Document {
    vpc_engine::model::load(&storage().get_item("vpcplay.design").unwrap().unwrap()).unwrap()
}

#[wasm_bindgen_test]
async fn a_data_store_from_the_palette_is_drawn_badged_and_edited_in_the_inspector() {
    let (handle, output) = mount().await;
    // Enter on private-a selects it; the palette's EFS entry then adds a file system there.
    key(&get("canvas.node.private-a"), "Enter");
    scheduler::flush().await;
    get("palette.item.store-efs").dyn_ref::<HtmlElement>().unwrap().click();
    scheduler::flush().await;
    let node = get("canvas.node.efs-1");
    assert_eq!(node.get_attribute("data-kind").as_deref(), Some("data_store"));
    assert!(node.text_content().unwrap().contains("EFS :2049"));
    // Mount targets in private-a and private-b, the function's own group (which admits its
    // members on every port): orders-fn reaches it from both of its AZs.
    assert_eq!(
        get("badge.orders-fn.efs-1").get_attribute("data-reach").as_deref(),
        Some("reachable")
    );
    let saved = saved_design();
    let subnets: Vec<&str> = saved.data_stores[0].subnets.iter().map(|s| s.as_str()).collect();
    assert_eq!(subnets, ["private-a", "private-b"]);

    // A port out of range stays a draft with its message; the design keeps its ports.
    let ports: HtmlInputElement = get("inspector.store-ports").dyn_into().unwrap();
    type_into(&ports, "2049, 70000");
    scheduler::flush().await;
    let error = get("inspector.store-ports.error").text_content().unwrap();
    assert!(error.contains("70000") && error.contains("65535"), "{error}");
    assert!(saved_design().data_stores[0].ports.is_empty(), "nothing committed");

    // Another product keeps the subnets and groups.
    change_select("inspector.store-kind", "redis");
    scheduler::flush().await;
    let saved = saved_design();
    let s = &saved.data_stores[0];
    assert_eq!(s.kind, vpc_engine::model::StoreKind::Redis);
    assert_eq!(s.subnets.len(), 2);
    assert_eq!(s.security_groups, vec!["app-sg".into()]);
    assert!(get("canvas.node.efs-1").text_content().unwrap().contains("Redis :6379"));

    // Its badge opens the explanation card.
    click(&get("badge.orders-fn.efs-1"));
    scheduler::flush().await;
    let text = get("explain.text").text_content().unwrap();
    assert!(text.contains("orders-fn") && !text.contains('{'), "{text}");
    unmount(handle, output).await;
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn the_endpoint_service_selector_filters_every_service() {
    let (handle, output) = mount().await;
    key(&get("canvas.node.private-a"), "Enter");
    scheduler::flush().await;
    get("palette.item.interface-endpoint")
        .dyn_ref::<HtmlElement>()
        .unwrap()
        .click();
    scheduler::flush().await;
    let options = || {
        let list = document()
            .query_selector_all("[data-testid=\"inspector.endpoint-service\"] option")
            .unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
            .map(|o| o.get_attribute("value").unwrap_or_default())
            .collect::<Vec<String>>()
    };
    let all = options().len();
    assert!(all > 300, "every service with an interface endpoint: {all}");
    let filter: HtmlInputElement = get("inspector.endpoint-service.filter").dyn_into().unwrap();
    type_into(&filter, "ecr");
    scheduler::flush().await;
    let shown = options();
    assert!(shown.len() < 10, "{shown:?}");
    for key in ["ecr.api", "ecr.dkr"] {
        assert!(shown.iter().any(|k| k == key), "{key} in {shown:?}");
    }
    change_select("inspector.endpoint-service", "ecr.dkr");
    scheduler::flush().await;
    let saved = saved_design();
    assert_eq!(saved.endpoints.last().unwrap().service.key(), "ecr.dkr");
    unmount(handle, output).await;
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn a_target_asked_on_several_ports_gets_a_badge_per_port_and_the_range_sentence() {
    use vpc_engine::model::{DataStore, Protocol, Rect, SecurityGroup, SgPeer, SgRule, StoreKind};
    storage().clear().unwrap();
    // A Redis cache whose group admits the function's group on 6379 and on 6380–6390.
    let mut doc = vpc_playground::persist::starter();
    let mut sg = SecurityGroup::with_default_rules("cache-sg", "cache-sg", "main-vpc".into());
    sg.inbound = vec![
        SgRule::tcp(6379, SgPeer::SecurityGroup("app-sg".into())),
        SgRule {
            protocol: Protocol::Tcp,
            from_port: 6380,
            to_port: 6390,
            peer: SgPeer::SecurityGroup("app-sg".into()),
            description: String::new(),
        },
    ];
    doc.security_groups.push(sg);
    doc.data_stores.push(DataStore {
        id: "cache".into(),
        kind: StoreKind::Redis,
        subnets: vec!["private-b".into(), "private-a".into()],
        security_groups: vec!["cache-sg".into()],
        ..Default::default()
    });
    doc.layout.insert(
        "cache".into(),
        Rect {
            x: 600.0,
            y: 450.0,
            w: 0.0,
            h: 0.0,
        },
    );
    storage().set_item("vpcplay.design", &doc.to_export_json()).unwrap();
    let (handle, output) = mount_as_is().await;
    assert!(
        by_testid("badge.orders-fn.cache").is_none(),
        "one badge per port instead"
    );
    for port in ["6379", "6380"] {
        let badge = get(&format!("badge.orders-fn.cache.{port}"));
        assert_eq!(badge.get_attribute("data-reach").as_deref(), Some("reachable"));
        assert!(badge.text_content().unwrap().contains(&format!(":{port}")));
        assert!(by_testid(&format!("verdicts.item.orders-fn.cache.{port}")).is_some());
    }
    // The service port's verdict has no range; 6380 stands for 6380–6390 and says so.
    click(&get("badge.orders-fn.cache.6379"));
    scheduler::flush().await;
    assert!(by_testid("explain.range").is_none());
    click(&get("badge.orders-fn.cache.6380"));
    scheduler::flush().await;
    let range = get("explain.range").text_content().unwrap();
    assert!(range.contains("6380–6390") && !range.contains('{'), "{range}");
    assert_eq!(
        get("verdicts.item.orders-fn.cache.6380")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    unmount(handle, output).await;
    storage().clear().unwrap();
}
