//! The Terraform worker: receives `{"text"}` (a `.tf` file, a plan or state JSON) or
//! `{"files": [{"path", "text"}, …]}` (several files, a folder) with `params` as its variables,
//! and answers with the design and report (see the library's docs). Fetched the first time a
//! reader imports Terraform; the template worker stays without the HCL parser.

fn main() {
    #[cfg(target_arch = "wasm32")]
    vpc_cfn_worker::serve(vpc_cfn_worker::handle_terraform);
}
