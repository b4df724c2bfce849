//! The template worker: receives `{"text", "params"}` as a JSON string and answers with the
//! design and report (see the library's docs). It announces itself with `"ready"` once its
//! message handler is installed: messages sent before that would be lost.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let onmessage = Closure::<dyn Fn(MessageEvent)>::new(move |msg: MessageEvent| {
        let request = msg.data().as_string().unwrap_or_default();
        let reply = vpc_cfn_worker::handle(&request);
        // A failed post cannot be reported anywhere: the page is gone.
        let _ = reply_to.post_message(&JsValue::from_str(&reply));
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}
