//! JSON Schemas of the YAML files phraselint reads (phrasebooks, the
//! config), derived with schemars from the very structs serde fills, for
//! editors (yaml-language-server) and validators. A schema must never refuse
//! what phraselint reads, so it follows serde_yaml: a value read as text
//! may be written as a number or a boolean (`banned: [2024]`), and an
//! optional key may be left empty (`extends:`).

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::transform::transform_subschemas;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Value, json};

/// Where a schema shipped in `docs/schema/` is published: its `$id`, and
/// what a `# yaml-language-server: $schema=` line names (`init` writes one).
pub fn url(file: &str) -> String {
    format!("https://raw.githubusercontent.com/phraselint/phraselint/main/docs/schema/{file}")
}

/// The schema of `T` as a JSON document: draft-07, which every editor and
/// validator reads, published as `file` (see [`url`]).
pub fn root<T: JsonSchema>(file: &str, title: &str) -> Value {
    let mut settings = SchemaSettings::draft07();
    settings.transforms.push(Box::new(optional_keys_take_null));
    settings.transforms.push(Box::new(unwrapped_descriptions));
    let mut schema = settings.into_generator().into_root_schema_for::<T>();
    schema.insert("$id".to_owned(), json!(url(file)));
    schema.insert("title".to_owned(), json!(title));
    schema.to_value()
}

/// Any scalar phraselint reads as text: serde_yaml hands a plain `2024` or
/// `true` over as the text it is.
pub struct Text;

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        text(json!({}))
    }
}

/// A text schema with more keywords (`pattern`, `minLength`, a
/// description); they constrain only strings, as YAML's numbers and
/// booleans are written in words and digits any such pattern allows.
pub fn text(keywords: Value) -> Schema {
    let mut schema = json_schema!({ "type": ["string", "number", "boolean"] });
    if let Value::Object(keywords) = keywords {
        for (key, value) in keywords {
            schema.insert(key, value);
        }
    }
    schema
}

/// A description is the doc comment of its field or type, wrapped as code
/// is; an editor shows it as one paragraph.
fn unwrapped_descriptions(schema: &mut Schema) {
    transform_subschemas(&mut unwrapped_descriptions, schema);
    if let Some(Value::String(text)) = schema.get_mut("description") {
        *text = text.replace('\n', " ");
    }
}

/// serde_yaml reads an empty optional list, map or value as absent: such a
/// key takes `null` too (a `false`-by-default switch does not).
fn optional_keys_take_null(schema: &mut Schema) {
    transform_subschemas(&mut optional_keys_take_null, schema);
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    let required: Vec<Value> = match object.get("required") {
        Some(Value::Array(keys)) => keys.clone(),
        _ => Vec::new(),
    };
    let Some(Value::Object(properties)) = object.get_mut("properties") else {
        return;
    };
    for (key, property) in properties {
        if !required.contains(&json!(key)) {
            take_null(property);
        }
    }
}

fn take_null(property: &mut Value) {
    let Some(object) = property.as_object_mut() else {
        return;
    };
    let nothing = json!({ "type": "null" });
    match object.get_mut("type") {
        Some(Value::String(kind)) if kind != "boolean" => {
            let kind = kind.clone();
            object.insert("type".to_owned(), json!([kind, "null"]));
        }
        Some(Value::Array(kinds)) if !kinds.contains(&json!("null")) => kinds.push(json!("null")),
        Some(_) => {}
        None => {
            let any_of = object.get("anyOf").and_then(Value::as_array);
            if any_of.is_some_and(|options| options.contains(&nothing)) {
                return;
            }
            let description = object.remove("description");
            let inner = std::mem::take(object);
            object.insert("anyOf".to_owned(), json!([inner, nothing]));
            if let Some(description) = description {
                object.insert("description".to_owned(), description);
            }
        }
    }
}
