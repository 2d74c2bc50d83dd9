//! The built site's files under /pkg (wasm, JS, CSS). The build names each after a hash of its
//! content (cargo-leptos `hash-files`) and writes the hashes to `hash.txt` beside the binary,
//! so a browser may keep a file for a year: a new release has new names. Without that file (a
//! test binary, a build without the site) the names are plain and browsers revalidate.

use axum::http::{header, HeaderValue};
use leptos::config::LeptosOptions;
use std::path::PathBuf;
use tower::Layer;
use tower_http::services::ServeDir;
use tower_http::set_header::{SetResponseHeader, SetResponseHeaderLayer};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFiles {
    /// Whether the names carry content hashes.
    pub hashed: bool,
    /// The stylesheet's URL, for pages rendered outside Leptos (the sign-in outcomes).
    pub stylesheet: String,
}

impl SiteFiles {
    /// Reads the hash file the build left beside this binary, and turns hashed names on in
    /// Leptos (its script and stylesheet links read the same file).
    pub fn find(options: &mut LeptosOptions) -> Self {
        let hashes = hash_file(options).and_then(|path| std::fs::read_to_string(path).ok());
        options.hash_files = hashes.is_some();
        let files =
            Self::from_hashes(&options.output_name, &options.site_pkg_dir, hashes.as_deref());
        let on_disk = format!("{}{}", options.site_root, files.stylesheet);
        if !std::path::Path::new(&on_disk).exists() {
            tracing::warn!(
                stylesheet = %on_disk,
                "the site's files are not where Trellis looks: ship hash.txt beside the binary and \
                 point LEPTOS_SITE_ROOT at the built site"
            );
        }
        files
    }

    fn from_hashes(output_name: &str, pkg_dir: &str, hashes: Option<&str>) -> Self {
        let css_hash = hashes.and_then(|text| {
            text.lines()
                .filter_map(|line| line.split_once(':'))
                .find(|(kind, _)| kind.trim() == "css")
                .map(|(_, hash)| hash.trim().to_string())
        });
        let stylesheet = match &css_hash {
            Some(hash) => format!("/{pkg_dir}/{output_name}.{hash}.css"),
            None => format!("/{pkg_dir}/{output_name}.css"),
        };
        Self { hashed: hashes.is_some(), stylesheet }
    }

    /// Serves /pkg: precompressed brotli and gzip from disk when the client takes them, and
    /// cached for good when the names are hashed.
    pub fn service(&self, site_root: &str) -> SetResponseHeader<ServeDir, HeaderValue> {
        let cache = if self.hashed { "public, max-age=31536000, immutable" } else { "no-cache" };
        SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static(cache))
            .layer(
                ServeDir::new(format!("{site_root}/pkg")).precompressed_br().precompressed_gzip(),
            )
    }
}

/// Where Leptos looks for the hash file: beside the running binary.
fn hash_file(options: &LeptosOptions) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.join(options.hash_file.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stylesheet_is_named_by_its_hash_when_the_build_hashed_it() {
        let files =
            SiteFiles::from_hashes("trellis", "pkg", Some("js: aa\nwasm: bb\ncss: cc-d_\n"));
        assert_eq!(files, SiteFiles { hashed: true, stylesheet: "/pkg/trellis.cc-d_.css".into() });
    }

    #[test]
    fn without_a_hash_file_the_names_are_plain() {
        let files = SiteFiles::from_hashes("trellis", "pkg", None);
        assert_eq!(files, SiteFiles { hashed: false, stylesheet: "/pkg/trellis.css".into() });
    }
}
