//! The text packs against the code: every language has every text, with
//! the placeholders its function fills.

use super::*;

/// Every area with the keys its struct declares, in `AREAS` order.
const AREA_KEYS: [(&str, &[&str]); 8] = [
    ("common", CommonTexts::KEYS),
    ("account", AccountTexts::KEYS),
    ("profile", ProfileTexts::KEYS),
    ("garage", GarageTexts::KEYS),
    ("map", MapTexts::KEYS),
    ("charging", ChargingTexts::KEYS),
    ("trips", TripsTexts::KEYS),
    ("services", ServicesTexts::KEYS),
];

/// Every language has every text of every area, and no other: each
/// source pack holds exactly the keys its struct declares.
#[test]
fn every_language_pack_is_complete() {
    assert_eq!(AREA_KEYS.map(|(area, _)| area), AREAS);
    for lang in Language::ALL {
        for (area, keys) in AREA_KEYS {
            let path = format!(
                "{}/i18n/{}/{area}.json",
                env!("CARGO_MANIFEST_DIR"),
                lang.code()
            );
            let pack: HashMap<String, String> =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
                    .unwrap_or_else(|e| panic!("{path}: {e}"));
            let mut found: Vec<&str> = pack.keys().map(String::as_str).collect();
            let mut declared = keys.to_vec();
            found.sort_unstable();
            declared.sort_unstable();
            assert_eq!(found, declared, "{path}");
        }
    }
}

/// The placeholders of `text` that differ from `declared`, if any.
fn placeholder_mismatch(text: &str, declared: &[&str]) -> Option<String> {
    let mut found: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect();
    found.sort_unstable();
    found.dedup();
    let mut declared = declared.to_vec();
    declared.sort_unstable();
    (found != declared).then(|| format!("has {found:?}, declared {declared:?}"))
}

/// Every text of every language has exactly the placeholders its field
/// declares (and so the typed method fills): none is left on screen as
/// `{name}`, no value goes missing.
#[test]
fn placeholders_are_the_declared_ones() {
    let areas: [(&str, &[&str], &[&[&str]]); 8] = [
        ("common", CommonTexts::KEYS, CommonTexts::PLACEHOLDERS),
        ("account", AccountTexts::KEYS, AccountTexts::PLACEHOLDERS),
        ("profile", ProfileTexts::KEYS, ProfileTexts::PLACEHOLDERS),
        ("garage", GarageTexts::KEYS, GarageTexts::PLACEHOLDERS),
        ("map", MapTexts::KEYS, MapTexts::PLACEHOLDERS),
        ("charging", ChargingTexts::KEYS, ChargingTexts::PLACEHOLDERS),
        ("trips", TripsTexts::KEYS, TripsTexts::PLACEHOLDERS),
        ("services", ServicesTexts::KEYS, ServicesTexts::PLACEHOLDERS),
    ];
    for lang in Language::ALL {
        for (area, keys, declared) in areas {
            let path = format!(
                "{}/i18n/{}/{area}.json",
                env!("CARGO_MANIFEST_DIR"),
                lang.code()
            );
            let pack: HashMap<String, String> =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            for (key, declared) in keys.iter().zip(declared) {
                let text = pack.get(*key).map(String::as_str).unwrap_or_default();
                if let Some(problem) = placeholder_mismatch(text, declared) {
                    panic!("{path}: {key} {problem}");
                }
            }
        }
    }
}

#[test]
fn a_misspelt_missing_or_extra_placeholder_is_a_mismatch() {
    let declared = ["version", "date"];
    assert_eq!(
        placeholder_mismatch("Versie {version}, vanaf {date}", &declared),
        None
    );
    assert_eq!(
        placeholder_mismatch("{date}: versie {version}", &declared),
        None
    );
    assert!(placeholder_mismatch("Versie {versie}, vanaf {date}", &declared).is_some());
    assert!(placeholder_mismatch("Versie {version}", &declared).is_some());
    assert!(placeholder_mismatch("Welkom {naam}", &[]).is_some());
    // The declarations themselves come from the text structs.
    let home = CommonTexts::KEYS
        .iter()
        .position(|k| *k == "home_title")
        .unwrap();
    assert_eq!(CommonTexts::PLACEHOLDERS[home], ["first_name"]);
}

/// The packs' error texts are the contract's, code for code, in every
/// language. `MIJN_LEXUS_WRITE_ERROR_TEXTS=1 cargo test -p mijn-lexus`
/// writes them after a change in the contract.
#[test]
fn error_texts_are_the_contracts() {
    for lang in Language::ALL {
        let expected: serde_json::Map<String, serde_json::Value> = ErrorCode::ALL
            .iter()
            .map(|c| (c.as_str().to_owned(), c.message(lang).into()))
            .collect();
        let path = format!(
            "{}/i18n/{}/errors.json",
            env!("CARGO_MANIFEST_DIR"),
            lang.code()
        );
        if std::env::var_os("MIJN_LEXUS_WRITE_ERROR_TEXTS").is_some() {
            let json = serde_json::to_string_pretty(&expected).unwrap() + "\n";
            std::fs::write(&path, json).unwrap();
        }
        let pack: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(
            pack, expected,
            "{path} differs from the contract; run with MIJN_LEXUS_WRITE_ERROR_TEXTS=1"
        );
    }
}

#[test]
fn a_pack_with_a_text_too_few_or_an_unknown_area_is_refused() {
    let pack = |change: &str| {
        let mut bundle = serde_json::Map::new();
        for (area, keys) in AREA_KEYS {
            let texts: Vec<serde_json::Value> = keys
                .iter()
                .map(|k| serde_json::Value::from(format!("{area}:{k}")))
                .collect();
            bundle.insert(area.into(), texts.into());
        }
        bundle.insert("errors".into(), serde_json::json!({ "internal": "x" }));
        let mut json = serde_json::Value::Object(bundle);
        match change {
            "fewer" => {
                json["garage"].as_array_mut().unwrap().pop();
            }
            "unknown" => json["garaeg"] = serde_json::json!([]),
            _ => {}
        }
        parse(&json.to_string())
    };
    let texts = pack("").unwrap();
    assert_eq!(texts.get(t().garage.title), "garage:title");
    assert_eq!(texts.get(t().common.app_name), "common:app_name");
    assert_eq!(texts.get(t().profile.history_more), "profile:history_more");
    let declared = GarageTexts::KEYS.len();
    assert_eq!(
        pack("fewer").unwrap_err(),
        format!("garage: {} texts, {declared} declared", declared - 1)
    );
    assert!(pack("unknown").unwrap_err().contains("garaeg"));
}

/// The bundle the build writes (scripts/i18n-bundle.mjs) is one [`parse`]
/// reads, in every language, with each text where its key says.
#[test]
fn the_built_bundles_parse() {
    let out = std::env::temp_dir().join(format!("i18n-bundle-test-{}", std::process::id()));
    let root = env!("CARGO_MANIFEST_DIR");
    let status = std::process::Command::new("node")
        .arg(format!("{root}/scripts/i18n-bundle.mjs"))
        .arg(format!("{root}/i18n"))
        .arg(&out)
        .status()
        .expect("node runs");
    assert!(status.success());
    for lang in Language::ALL {
        let json = std::fs::read_to_string(out.join(format!("{}.json", lang.code()))).unwrap();
        let pack = parse(&json).unwrap();
        let source: HashMap<String, String> = serde_json::from_str(
            &std::fs::read_to_string(format!("{root}/i18n/{}/garage.json", lang.code())).unwrap(),
        )
        .unwrap();
        assert_eq!(pack.get(t().garage.title), source["title"]);
        assert_eq!(pack.get(t().garage.ago_now), source["ago_now"]);
    }
    let _ = std::fs::remove_dir_all(out);
}

#[test]
fn fill_replaces_every_placeholder() {
    assert_eq!(
        fill("Welkom, {first_name}", &[("first_name", "Els")]),
        "Welkom, Els"
    );
    assert_eq!(
        fill(
            "Versie {version}, vanaf {date}",
            &[("version", "2"), ("date", "1 mei")]
        ),
        "Versie 2, vanaf 1 mei"
    );
    assert_eq!(fill("geen", &[("x", "y")]), "geen");
}
