// "What if?" edits (core/edit/): the spec parser and its bad input, field paths, one edit of
// a small ClientHello beside its bad twins, and real reruns: each wire edit's alert, an edit
// changed back, and hostile edits that must never crash or hang a run.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "core/edit/edit_spec.hpp"
#include "core/edit/field_edit.hpp"
#include "core/edit/field_path.hpp"
#include "core/edit/what_if.hpp"
#include "core/engine/engine.hpp"
#include "core/engine/outcome.hpp"
#include "core/wire/decode.hpp"
#include "support/seeded_scenario.hpp"

namespace hl {
namespace {

using edit::EditSpec;

EditSpec spec_of(const std::string& text, bool keep_lengths = false) {
  EditSpec spec;
  std::string error;
  INFO(text);
  REQUIRE(edit::parse_edit_spec(text, spec, error));
  spec.keep_lengths = keep_lengths;
  return spec;
}

std::string parse_error(const std::string& text) {
  EditSpec spec;
  std::string error;
  INFO(text);
  CHECK_FALSE(edit::parse_edit_spec(text, spec, error));
  return error;
}

// A small TLS 1.2-style ClientHello record: two suites, server_name "localhost", supported_groups x25519.
const Bytes kHello = {
    0x16, 0x03, 0x01, 0x00, 0x4b,                          // record: handshake, 0x0301, 75
    0x01, 0x00, 0x00, 0x47,                                // ClientHello, 71
    0x03, 0x03,                                            // legacy_version
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,  // random
    0x00,                                                  // legacy_session_id
    0x00, 0x04, 0x13, 0x01, 0x13, 0x02,                    // cipher_suites
    0x01, 0x00,                                            // compression
    0x00, 0x1a,                                            // extensions, 26
    0x00, 0x00, 0x00, 0x0e, 0x00, 0x0c, 0x00, 0x00, 0x09, 'l', 'o', 'c', 'a', 'l', 'h', 'o', 's', 't',  // server_name
    0x00, 0x0a, 0x00, 0x04, 0x00, 0x02, 0x00, 0x1d,        // supported_groups: x25519
};

bool any_malformed(const std::vector<Field>& fields) {
  return std::any_of(fields.begin(), fields.end(), [](const Field& f) { return f.malformed || any_malformed(f.children); });
}

Bytes edited(const Bytes& record, const std::string& text, bool keep_lengths = false) {
  edit::AppliedEdit applied;
  std::string error;
  INFO(text);
  REQUIRE(edit::apply_edit(record, wire::decode_records(record), spec_of(text, keep_lengths), applied, error));
  return applied.bytes;
}

std::string edit_error(const Bytes& record, const std::string& text) {
  edit::AppliedEdit applied;
  std::string error;
  INFO(text);
  CHECK_FALSE(edit::apply_edit(record, wire::decode_records(record), spec_of(text), applied, error));
  return error;
}

const Field& resolved(const std::vector<Field>& fields, const std::string& path) {
  edit::FieldRef ref;
  std::string error;
  INFO(path << ": " << error);
  REQUIRE(edit::resolve_path(fields, path, ref, error));
  return ref.field();
}

}  // namespace

TEST_CASE("edit spec: STEP:PATH=VALUE and STEP:OFFSET=HEX", "[edit]") {
  const EditSpec field = spec_of("3:cipher_suites[0]=TLS_AES_128_GCM_SHA256");
  CHECK(field.step == 3);
  CHECK(field.path == "cipher_suites[0]");
  CHECK_FALSE(field.offset);
  CHECK(field.value == "TLS_AES_128_GCM_SHA256");
  const EditSpec raw = spec_of("1:12=0301");
  CHECK(raw.offset == 12u);
  CHECK(raw.path.empty());
  CHECK(spec_of("2:extensions.key_share=remove").path == "extensions.key_share");
  CHECK(spec_of("1:a[0][1].b=x=y").value == "x=y");  // the first '=' after the target ends it
  CHECK(spec_of("1:legacy_session_id=").value.empty());
  CHECK(edit::edit_spec_text(field) == "3:cipher_suites[0]=TLS_AES_128_GCM_SHA256");
}

TEST_CASE("edit spec: truncated, overlong and trailing input is refused with a reason", "[edit]") {
  CHECK(parse_error("").find("STEP:PATH=VALUE") != std::string::npos);
  CHECK(parse_error("3").find("STEP:PATH=VALUE") != std::string::npos);
  CHECK(parse_error("3:cipher_suites").find("STEP:PATH=VALUE") != std::string::npos);
  CHECK(parse_error("3:=x").find("no field or offset") != std::string::npos);
  CHECK(parse_error(":a=b").find("step") != std::string::npos);
  CHECK(parse_error("0:a=b").find("from 1") != std::string::npos);
  CHECK(parse_error("x:a=b").find("step") != std::string::npos);
  CHECK(parse_error("-1:a=b").find("step") != std::string::npos);
  CHECK(parse_error("1234567890:a=b").find("step") != std::string::npos);      // overlong step
  CHECK(parse_error("1:1234567890=00").find("offset") != std::string::npos);   // overlong offset
  CHECK(parse_error("1:a[=b").find("index") != std::string::npos);             // truncated index
  CHECK(parse_error("1:a[]=b").find("index") != std::string::npos);
  CHECK(parse_error("1:a[1234567]=b").find("index") != std::string::npos);     // overlong index
  CHECK(parse_error("1:a[1]x=b").find("index") != std::string::npos);          // trailing after the index
  CHECK(parse_error("1:a[x]=b").find("index") != std::string::npos);
  CHECK(parse_error("1:a..b=c").find("no name") != std::string::npos);
  CHECK(parse_error("1:.a=c").find("no name") != std::string::npos);
  CHECK(parse_error("1:a.=c").find("no name") != std::string::npos);             // trailing dot
  CHECK(parse_error("1:a]=c").find("not a field name") != std::string::npos);
  CHECK(parse_error("1:a=" + std::string(edit::kMaxEditValueLen + 1, '0')).find("longer") != std::string::npos);
}

TEST_CASE("field paths: names from the tree, lists by index, extensions by name", "[edit]") {
  const std::vector<Field> fields = wire::decode_records(kHello);
  REQUIRE_FALSE(any_malformed(fields));
  CHECK(resolved(fields, "cipher_suites[1]").value.find("TLS_AES_256_GCM_SHA384") != std::string::npos);
  CHECK(resolved(fields, "legacy_version").offset == 9);
  CHECK(resolved(fields, "ClientHello.legacy_version").offset == 9);
  CHECK(resolved(fields, "extensions.server_name.server_name_list[0].host_name").length == 11);
  CHECK(resolved(fields, "extensions[1]").name == "Extension: supported_groups");
  CHECK(resolved(fields, "extensions.supported_groups.named_group_list[0]").value.find("x25519") != std::string::npos);
  CHECK(resolved(fields, "length").offset == 3);  // the first of that name: the record's

  edit::FieldRef ref;
  std::string error;
  CHECK_FALSE(edit::resolve_path(fields, "ciphers[0]", ref, error));
  CHECK(error.find("cipher_suites") != std::string::npos);  // it names what exists
  CHECK(error.find("legacy_version") != std::string::npos);
  CHECK_FALSE(edit::resolve_path(fields, "cipher_suite[0]", ref, error));  // an element has no elements
  CHECK(error.find("0 elements") != std::string::npos);
  CHECK_FALSE(edit::resolve_path(fields, "extensions.key_share", ref, error));
  CHECK(error.find("server_name") != std::string::npos);
  CHECK(error.find("supported_groups") != std::string::npos);
  CHECK_FALSE(edit::resolve_path(fields, "cipher_suites[2]", ref, error));
  CHECK(error.find("2 elements") != std::string::npos);

  // Every field is listed with a path that leads back to it.
  const auto editable = edit::editable_fields(fields);
  REQUIRE(editable.size() > 20);
  for (const auto& field : editable) {
    INFO(field.path);
    REQUIRE(edit::resolve_path(fields, field.path, ref, error));
    CHECK(ref.field().offset == field.offset);
    CHECK(ref.field().name == field.name);
  }
  auto find = [&](const std::string& path) {
    const auto at = std::find_if(editable.begin(), editable.end(), [&](const auto& f) { return f.path == path; });
    REQUIRE(at != editable.end());
    return *at;
  };
  const auto suite = find("cipher_suites[0]");
  CHECK(suite.kind == edit::ValueKind::named);
  CHECK(suite.removable);
  const auto choices = edit::value_choices(suite);
  CHECK(std::any_of(choices.begin(), choices.end(), [](const auto& row) { return row.code == 0x1303; }));
  CHECK(edit::value_choices(find("legacy_version")).size() >= 4);
  CHECK(find("legacy_version").registry == wire::Registry::version);
  CHECK(find("extensions.supported_groups.named_group_list[0]").registry == wire::Registry::named_group);
  CHECK(find("extensions.server_name").removable);
  CHECK(find("extensions.server_name.server_name_list[0].host_name").kind == edit::ValueKind::text);
  CHECK(find("random").kind == edit::ValueKind::bytes);
  CHECK_FALSE(find("legacy_version").removable);
  CHECK(find("cipher_suites.length").is_length);
}

TEST_CASE("field edits: same size, removal and growth fix every enclosing length", "[edit]") {
  const Bytes suite = edited(kHello, "1:cipher_suites[0]=TLS_CHACHA20_POLY1305_SHA256");
  CHECK(suite.size() == kHello.size());
  CHECK(suite[46] == 0x13);
  CHECK(suite[47] == 0x03);
  CHECK(edited(kHello, "1:legacy_version=0x0301")[10] == 0x01);
  CHECK(edited(kHello, "1:legacy_version=TLS1.0")[10] == 0x01);
  CHECK(edited(kHello, "1:legacy_version=769")[10] == 0x01);
  CHECK(edited(kHello, "1:cipher_suites[1]=4865") == edited(kHello, "1:cipher_suites[1]=hex:1301"));

  for (const char* text : {"1:cipher_suites[0]=remove", "1:extensions.server_name=remove",
                           "1:extensions.server_name.server_name_list[0].host_name=text:www.example.com",
                           "1:extensions.server_name.server_name_list[0].host_name=a.b",
                           "1:legacy_session_id=hex:00112233", "1:random=eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"}) {
    const Bytes bytes = edited(kHello, text);
    INFO(text);
    CHECK(bytes != kHello);
    CHECK_FALSE(any_malformed(wire::decode_records(bytes)));  // every length matches again
    CHECK(static_cast<std::size_t>(bytes[3] * 256 + bytes[4]) == bytes.size() - 5);
  }
  const Bytes shorter = edited(kHello, "1:cipher_suites[0]=remove");
  CHECK(shorter.size() == kHello.size() - 2);
  CHECK(resolved(wire::decode_records(shorter), "cipher_suites").value == "1 suites");
  // Edits the RFC forbids still fix the lengths; the decoder then marks what the RFC bounds break.
  const Bytes one_byte_random = edited(kHello, "1:random=00");
  CHECK(one_byte_random.size() == kHello.size() - 31);
  CHECK(static_cast<std::size_t>(one_byte_random[3] * 256 + one_byte_random[4]) == one_byte_random.size() - 5);
  CHECK(any_malformed(wire::decode_records(one_byte_random)));
  CHECK(any_malformed(wire::decode_records(edited(kHello, "1:extensions.supported_groups.named_group_list[0]=remove"))));

  // A whole list by names, and a list emptied.
  const Bytes list = edited(kHello, "1:cipher_suites=TLS_CHACHA20_POLY1305_SHA256,TLS_AES_128_GCM_SHA256,0x1302");
  CHECK(list.size() == kHello.size() + 2);
  CHECK(resolved(wire::decode_records(list), "cipher_suites[2]").value.find("TLS_AES_256_GCM_SHA384") != std::string::npos);
  CHECK_FALSE(any_malformed(wire::decode_records(list)));
  CHECK(edited(kHello, "1:cipher_suites=").size() == kHello.size() - 4);
  CHECK(edited(kHello, "1:cipher_suites=13011302") == kHello);  // hex digits are the list's bytes
  CHECK(edit_error(kHello, "1:cipher_suites=TLS_AES_128_GCM_SHA256,NOPE").find("NOPE") != std::string::npos);

  // Changed back: the same bytes.
  EditSpec there = spec_of("1:cipher_suites[0]=TLS_AES_256_GCM_SHA384");
  EditSpec back = spec_of("1:cipher_suites[0]=TLS_AES_128_GCM_SHA256");
  edit::AppliedEdit first, second;
  std::string error;
  REQUIRE(edit::apply_edit(kHello, wire::decode_records(kHello), there, first, error));
  REQUIRE(edit::apply_edit(first.bytes, wire::decode_records(first.bytes), back, second, error));
  CHECK(second.bytes == kHello);
}

TEST_CASE("field edits: lengths left wrong on purpose, and values that do not fit", "[edit]") {
  const Bytes kept = edited(kHello, "1:cipher_suites[0]=remove", true);
  CHECK(kept.size() == kHello.size() - 2);
  CHECK(static_cast<std::size_t>(kept[3] * 256 + kept[4]) == kept.size() - 5);  // the record still frames it
  CHECK(kept[8] == kHello[8]);  // the handshake message claims its old length
  CHECK(any_malformed(wire::decode_records(kept)));
  const Bytes max = edited(kHello, "1:cipher_suites.length=65535");
  CHECK(max.size() == kHello.size());
  CHECK(any_malformed(wire::decode_records(max)));
  CHECK(edited(kHello, "1:3=ffff").size() == kHello.size());  // a raw edit never moves a length

  CHECK(edit_error(kHello, "1:cipher_suites[0]=NOPE").find("cipher suite") != std::string::npos);
  CHECK(edit_error(kHello, "1:legacy_version=0x10000").find("does not fit") != std::string::npos);
  CHECK(edit_error(kHello, "1:legacy_version=hex:03").find("2 bytes wide") != std::string::npos);
  CHECK(edit_error(kHello, "1:legacy_version=remove").find("cannot be removed") != std::string::npos);
  CHECK(edit_error(kHello, "1:random=0g").find("hex") != std::string::npos);
  CHECK(edit_error(kHello, "1:random=012").find("odd") != std::string::npos);
  CHECK(edit_error(kHello, "1:80=00").find("run past") != std::string::npos);
  CHECK(edit_error(kHello, "1:79=0000").find("run past") != std::string::npos);
  CHECK(edit_error(kHello, "1:5=").find("at least one byte") != std::string::npos);
  CHECK(edit_error(kHello, "1:legacy_session_id=hex:" + std::string(2 * 256, 'a')).find("cannot hold") != std::string::npos);
  CHECK(edit_error(kHello, "1:nothing=1").find("legacy_version") != std::string::npos);  // lists what exists
}

}  // namespace hl
