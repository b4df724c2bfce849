//! The one Web Worker the app starts: the template importer, a second wasm that is fetched
//! the first time a template is read and kept for later imports.

use yew::Callback;

/// What came back: the reply text, or `Err` when the worker could not be loaded.
pub type Answer = Result<String, ()>;

/// Sends a request; `answer` is called once with the reply.
#[cfg(target_arch = "wasm32")]
pub fn send(request: String, answer: Callback<Answer>) {
    browser::send(request, answer)
}

/// Without a browser (native tests) there is no worker: the answer is that it failed to load.
#[cfg(not(target_arch = "wasm32"))]
pub fn send(_request: String, answer: Callback<Answer>) {
    answer.emit(Err(()))
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::Answer;
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{Event, MessageEvent, Worker};
    use yew::Callback;

    /// Trunk's loader shim for the worker (index.html, `data-loader-shim`).
    const SCRIPT: &str = "template-worker_loader.js";

    struct Client {
        worker: Worker,
        /// The worker said "ready": its handler is installed.
        ready: bool,
        /// A request sent before the worker was ready.
        queued: Option<String>,
        waiting: Option<Callback<Answer>>,
        /// The script failed to load or crashed: start a new worker next time.
        failed: bool,
        _on_message: Closure<dyn Fn(MessageEvent)>,
        _on_error: Closure<dyn Fn(Event)>,
    }

    thread_local! {
        static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
    }

    fn answer(a: Answer) {
        let waiting = CLIENT.with(|c| c.borrow_mut().as_mut().and_then(|c| c.waiting.take()));
        if let Some(cb) = waiting {
            cb.emit(a);
        }
    }

    fn start() -> Option<Client> {
        let worker = Worker::new(SCRIPT).ok()?;
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(|m: MessageEvent| {
            let data = m.data().as_string().unwrap_or_default();
            if data == "ready" {
                let queued = CLIENT.with(|c| {
                    let mut c = c.borrow_mut();
                    let c = c.as_mut()?;
                    c.ready = true;
                    c.queued.take().map(|q| (c.worker.clone(), q))
                });
                if let Some((w, q)) = queued {
                    if w.post_message(&JsValue::from_str(&q)).is_err() {
                        answer(Err(()));
                    }
                }
            } else {
                answer(Ok(data));
            }
        });
        let on_error = Closure::<dyn Fn(Event)>::new(|_e: Event| {
            answer(Err(()));
            // Start afresh next time (the script may be reachable again). The client is not
            // dropped here: this closure belongs to it.
            CLIENT.with(|c| {
                if let Some(c) = c.borrow_mut().as_mut() {
                    c.failed = true;
                    c.worker.terminate();
                }
            });
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(Client {
            worker,
            ready: false,
            queued: None,
            waiting: None,
            failed: false,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    pub fn send(request: String, reply: Callback<Answer>) {
        let ok = CLIENT.with(|c| {
            let mut c = c.borrow_mut();
            if c.as_ref().is_none_or(|c| c.failed) {
                *c = start();
            }
            let Some(client) = c.as_mut() else { return false };
            client.waiting = Some(reply.clone());
            if client.ready {
                client.worker.post_message(&JsValue::from_str(&request)).is_ok()
            } else {
                client.queued = Some(request);
                true
            }
        });
        if !ok {
            reply.emit(Err(()));
        }
    }
}
