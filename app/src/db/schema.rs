//! The one diesel schema, shared by SQLite and PostgreSQL. Written by hand to match
//! `migrations/{sqlite,postgres}`: both backends use the same column types here.

diesel::table! {
    departments (id) {
        id -> BigInt,
        name -> Text,
        slug -> Text,
    }
}

diesel::table! {
    teams (id) {
        id -> BigInt,
        department_id -> BigInt,
        name -> Text,
        slug -> Text,
    }
}

diesel::table! {
    people (id) {
        id -> BigInt,
        email -> Text,
        name -> Text,
        search_text -> Text,
        title -> Text,
        department_id -> BigInt,
        team_id -> Nullable<BigInt>,
        manager_id -> Nullable<BigInt>,
        track -> Text,
        level -> Integer,
        hire_date -> Date,
        location -> Text,
        status -> Text,
        departed_on -> Nullable<Date>,
        departure_reason -> Nullable<Text>,
        is_hr_admin -> Bool,
        is_executive -> Bool,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id) {
        id -> BigInt,
        token_hash -> Text,
        person_id -> BigInt,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> Timestamp,
        actor_id -> Nullable<BigInt>,
        action -> Text,
        target_type -> Text,
        target_id -> Nullable<BigInt>,
        outcome -> Text,
        detail -> Text,
        request_id -> Nullable<Text>,
    }
}

diesel::table! {
    identities (id) {
        id -> BigInt,
        person_id -> BigInt,
        issuer -> Text,
        subject -> Text,
        created_at -> Timestamp,
        last_sign_in_at -> Timestamp,
    }
}

diesel::table! {
    oidc_logins (state_hash) {
        state_hash -> Text,
        pkce_verifier -> Text,
        nonce -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    settings (key) {
        key -> Text,
        value -> Text,
    }
}

diesel::joinable!(teams -> departments (department_id));
diesel::joinable!(people -> departments (department_id));
diesel::joinable!(people -> teams (team_id));
diesel::joinable!(sessions -> people (person_id));
diesel::joinable!(identities -> people (person_id));
diesel::joinable!(audit_log -> people (actor_id));

diesel::allow_tables_to_appear_in_same_query!(departments, teams, people, sessions, audit_log, settings, identities, oidc_logins);
