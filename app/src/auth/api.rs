use super::types::SignInOptions;
use crate::error::AppError;
use crate::kernel::Viewer;
use leptos::prelude::*;

/// The signed-in person, for the app shell.
#[server(endpoint = "auth/get_viewer")]
pub async fn get_viewer() -> Result<Viewer, AppError> {
    crate::context::viewer()
}

/// What the sign-in page offers: SSO, and the demo personas when demo sign-in is on.
/// Public (anonymous visitors need it), hence the `/api/public/` endpoint.
#[server(endpoint = "public/sign_in_options")]
pub async fn get_sign_in_options() -> Result<SignInOptions, AppError> {
    let (settings, personas) = crate::context::for_sign_in_page(|c, settings| {
        let personas =
            if settings.demo_sign_in { super::personas::offered(c)? } else { Vec::new() };
        Ok((settings.clone(), personas))
    })
    .await?;
    Ok(SignInOptions { sso_configured: settings.sso_configured, personas })
}
