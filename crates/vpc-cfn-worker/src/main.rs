//! The template worker: receives `{"text", "params"}` as a JSON string and answers with the
//! design and report (see the library's docs). CloudFormation and SAM only: Terraform has a
//! worker of its own (`src/bin/terraform-worker.rs`), so neither carries the other's parser.

fn main() {
    #[cfg(target_arch = "wasm32")]
    vpc_cfn_worker::serve(vpc_cfn_worker::handle_template);
}
