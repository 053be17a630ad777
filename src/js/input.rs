//! Reading a JS options object into an `Input`.

use js_sys::{Array, Date, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::protocol::dates::CalendarDate;
use crate::protocol::error::{Error, Expected, FieldProblem, Problem};
use crate::protocol::input::{Input, InputValue};

/// Reads the own enumerable keys of a plain options object; `undefined` and `null`
/// mean no options. Anything else is a validation error of `method`.
pub fn read_options(method: Option<&'static str>, js_options: &JsValue) -> Result<Input, Error> {
    let mut input = Input::new();
    if js_options.is_undefined() || js_options.is_null() {
        return Ok(input);
    }
    if !js_options.is_object() || Array::is_array(js_options) || js_options.is_instance_of::<js_sys::Map>() {
        let found = type_name(js_options);
        let problem = Problem::WrongType { expected: Expected::Object, found };
        return Err(Error::validation(method, vec![FieldProblem::new("options", problem)]));
    }

    // Reflect calls return exceptions as values, so a throwing getter or Proxy trap
    // becomes a validation error instead of escaping the promise.
    let js_object: &Object = js_options.unchecked_ref();
    let unreadable = |field: &str| {
        Error::validation(method, vec![FieldProblem::new(field, Problem::Unreadable)])
    };
    let js_keys = Reflect::own_keys(js_object).map_err(|_| unreadable("options"))?;
    for js_key in js_keys.iter() {
        let Some(key) = js_key.as_string() else { continue };
        let js_descriptor = Reflect::get_own_property_descriptor(js_object, &js_key).map_err(|_| unreadable(&key))?;
        let enumerable = Reflect::get(&js_descriptor, &JsValue::from_str("enumerable")).map_err(|_| unreadable(&key))?;
        if !enumerable.is_truthy() {
            continue;
        }
        let js_value = Reflect::get(js_object, &js_key).map_err(|_| unreadable(&key))?;
        input.set(key, read_value(&js_value));
    }
    Ok(input)
}

/// Reduces one JS value to what validation needs.
pub fn read_value(js_value: &JsValue) -> InputValue {
    if js_value.is_undefined() || js_value.is_null() {
        return InputValue::Absent;
    }
    if let Some(flag) = js_value.as_bool() {
        return InputValue::Bool(flag);
    }
    if let Some(number) = js_value.as_f64() {
        return InputValue::Number(number);
    }
    if let Some(js_text) = js_value.dyn_ref::<js_sys::JsString>() {
        // An unpaired surrogate has no UTF-8 form; converting would silently send U+FFFD.
        if !js_text.is_valid_utf16() {
            return InputValue::Other("string with an unpaired surrogate");
        }
        return InputValue::Text(String::from(js_text));
    }
    if js_value.is_instance_of::<Date>() {
        return match real_date_time(js_value) {
            Some(time) => InputValue::Date(calendar_date(&Date::new(&JsValue::from_f64(time)))),
            None => InputValue::Other("object"),
        };
    }
    InputValue::Other(type_name(js_value))
}

/// The time value of a real `Date`, read with `Date.prototype.getTime` so an object that
/// only inherits from `Date.prototype`, or overrides `getTime`, yields `None` or the
/// true value instead of throwing.
fn real_date_time(js_value: &JsValue) -> Option<f64> {
    let js_prototype = Reflect::get_prototype_of(&Date::new_0()).ok()?;
    let js_get_time = Reflect::get(&js_prototype, &JsValue::from_str("getTime")).ok()?;
    let js_get_time: &js_sys::Function = js_get_time.dyn_ref()?;
    Reflect::apply(js_get_time, js_value, &Array::new()).ok()?.as_f64()
}

/// The calendar day a `Date` shows in the local time zone, as a person picked it;
/// `None` for an invalid date.
fn calendar_date(js_date: &Date) -> Option<CalendarDate> {
    if js_date.get_time().is_nan() {
        return None;
    }
    CalendarDate::new(js_date.get_full_year() as i32, js_date.get_month() + 1, js_date.get_date())
}

/// A JS type name for messages: `typeof`, refined for arrays, maps and `null`.
pub fn type_name(js_value: &JsValue) -> &'static str {
    if js_value.is_null() {
        "null"
    } else if js_value.is_string() {
        "string"
    } else if js_value.as_f64().is_some() {
        "number"
    } else if js_value.as_bool().is_some() {
        "boolean"
    } else if Array::is_array(js_value) {
        "array"
    } else if js_value.is_instance_of::<js_sys::Map>() {
        "Map"
    } else if js_value.is_function() {
        "function"
    } else if js_value.is_bigint() {
        "bigint"
    } else if js_value.is_symbol() {
        "symbol"
    } else if js_value.is_object() {
        "object"
    } else {
        "undefined"
    }
}
