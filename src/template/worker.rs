//! The Web Worker the app starts to import: the template importer or the Terraform one
//! ([`Reader`]), each a wasm of its own fetched the first time it is needed and kept for later
//! imports (one runs at a time: asking the other one replaces it). A read can be cancelled
//! (the worker is terminated and a new one starts next time), and when the worker dies, the
//! answer says why ([`Stopped`]) instead of blaming the connection.

use yew::Callback;

/// Why there is no reply.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub enum Stopped {
    /// The worker's script could not be loaded (offline, or the server lacks it).
    NotLoaded,
    /// The worker ran out of memory while reading.
    OutOfMemory,
    /// The worker stopped with an error while reading: the browser's message.
    Crashed(String),
}

/// What came back: the reply text, or why there is none.
pub type Answer = Result<String, Stopped>;

/// Which importer reads a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub enum Reader {
    /// CloudFormation and SAM templates (`template-worker`).
    Template,
    /// Terraform source, plans and states (`terraform-worker`).
    Terraform,
}

/// The cause of a worker's death, from the browser's error message and whether the worker had
/// started (it said "ready") before it died.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn cause(message: &str, started: bool) -> Stopped {
    let m = message.to_ascii_lowercase();
    if m.contains("memory") || m.contains("allocation") {
        Stopped::OutOfMemory
    } else if started {
        let m = message.trim();
        Stopped::Crashed(if m.is_empty() {
            "no message".to_owned()
        } else {
            m.to_owned()
        })
    } else {
        Stopped::NotLoaded
    }
}

/// Sends a request; `answer` is called once with the reply, unless [`cancel`] comes first.
#[cfg(target_arch = "wasm32")]
pub fn send(request: String, reader: Reader, answer: Callback<Answer>) {
    browser::send(request, reader, answer)
}

/// Stops the read under way: the worker is terminated (a new one starts for the next read)
/// and its answer is never given.
#[cfg(target_arch = "wasm32")]
pub fn cancel() {
    browser::cancel()
}

/// Without a browser (native tests) there is no worker: the answer is that it failed to load.
#[cfg(not(target_arch = "wasm32"))]
pub fn send(_request: String, _reader: Reader, answer: Callback<Answer>) {
    answer.emit(Err(Stopped::NotLoaded))
}

#[cfg(not(target_arch = "wasm32"))]
pub fn cancel() {}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::{cause, Answer, Reader, Stopped};
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{ErrorEvent, Event, MessageEvent, Worker};
    use yew::Callback;

    /// Trunk's loader shim for each worker (index.html, `data-loader-shim`).
    fn script(reader: Reader) -> &'static str {
        match reader {
            Reader::Template => "template-worker_loader.js",
            Reader::Terraform => "terraform-worker_loader.js",
        }
    }

    struct Client {
        reader: Reader,
        worker: Worker,
        /// The worker said "ready": its handler is installed.
        ready: bool,
        /// A request sent before the worker was ready.
        queued: Option<String>,
        waiting: Option<Callback<Answer>>,
        /// The script failed to load, crashed or was cancelled: start a new worker next time.
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

    fn start(reader: Reader) -> Option<Client> {
        let worker = Worker::new(script(reader)).ok()?;
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
                        answer(Err(Stopped::NotLoaded));
                    }
                }
            } else {
                answer(Ok(data));
            }
        });
        let on_error = Closure::<dyn Fn(Event)>::new(|e: Event| {
            // An ErrorEvent carries the browser's message ("Out of memory", "unreachable" …);
            // a failed script load is a plain event before "ready".
            let message = e.dyn_ref::<ErrorEvent>().map(ErrorEvent::message).unwrap_or_default();
            let started = CLIENT.with(|c| c.borrow().as_ref().is_some_and(|c| c.ready));
            answer(Err(cause(&message, started)));
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
            reader,
            worker,
            ready: false,
            queued: None,
            waiting: None,
            failed: false,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    pub fn send(request: String, reader: Reader, reply: Callback<Answer>) {
        let ok = CLIENT.with(|c| {
            let mut c = c.borrow_mut();
            if c.as_ref().is_none_or(|c| c.failed || c.reader != reader) {
                if let Some(old) = c.as_ref() {
                    old.worker.terminate();
                }
                *c = start(reader);
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
            reply.emit(Err(Stopped::NotLoaded));
        }
    }

    pub fn cancel() {
        CLIENT.with(|c| {
            if let Some(c) = c.borrow_mut().as_mut() {
                c.waiting = None;
                c.queued = None;
                c.failed = true;
                c.worker.terminate();
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dead_worker_is_named_by_what_killed_it() {
        // Chromium's and Firefox's words for a wasm that cannot grow its memory.
        assert_eq!(
            cause(
                "Uncaught RangeError: WebAssembly.Memory.grow(): Maximum memory size exceeded",
                true
            ),
            Stopped::OutOfMemory
        );
        assert_eq!(cause("out of memory", true), Stopped::OutOfMemory);
        assert_eq!(
            cause("Uncaught RangeError: Array buffer allocation failed", false),
            Stopped::OutOfMemory
        );
        assert_eq!(
            cause("Uncaught RuntimeError: unreachable", true),
            Stopped::Crashed("Uncaught RuntimeError: unreachable".into())
        );
        assert_eq!(cause("", true), Stopped::Crashed("no message".into()));
        // Before it started, a failure is the script not loading.
        assert_eq!(cause("", false), Stopped::NotLoaded);
    }
}
