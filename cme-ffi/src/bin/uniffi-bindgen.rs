//! The `uniffi-bindgen` of this workspace: generates the Kotlin, Swift and
//! Python bindings of `cme-ffi` from the built library (library mode).
fn main() {
    uniffi::uniffi_bindgen_main()
}
