// Field trees as JSON: the shape DESIGN.md §3 promises to scripts.
#include "core/export/field_json.hpp"

#include "core/export/json_text.hpp"
#include "core/wire/decode.hpp"

namespace hl {

// Built member by member into the object map: a field tree is most of a trace's JSON, and
// nlohmann's initializer-list constructor copies each member once more on the way in.
nlohmann::json field_to_json(const Field& field, bool with_explanations) {
  nlohmann::json out(nlohmann::json::value_t::object);
  auto& members = out.get_ref<nlohmann::json::object_t&>();
  members.emplace("name", field.name);
  members.emplace("value", field.value);
  members.emplace("offset", field.offset);
  members.emplace("length", field.length);
  members.emplace("children", fields_to_json(field.children, with_explanations));
  if (field.malformed) {
    members.emplace("malformed", true);
    members.emplace("error", field.error);
  }
  if (!with_explanations) return out;
  std::string text = wire::explain(field);
  if (!text.empty()) members.emplace("explain", std::move(text));
  return out;
}

nlohmann::json fields_to_json(const std::vector<Field>& fields, bool with_explanations) {
  nlohmann::json out(nlohmann::json::value_t::array);
  auto& elements = out.get_ref<nlohmann::json::array_t&>();
  elements.reserve(fields.size());
  for (const auto& field : fields) elements.push_back(field_to_json(field, with_explanations));
  return out;
}

namespace {

// One member of a field object; its keys come in std::map's order, as field_to_json()'s would.
class MemberWriter {
 public:
  MemberWriter(std::string& out, int indent, int depth) : out_(out), indent_(indent), depth_(depth) {}
  std::string& key(const char* name) {
    if (!first_) out_.push_back(',');
    first_ = false;
    append_json_line(out_, indent_, depth_ + 1);
    out_ += '"';
    out_ += name;
    out_ += indent_ < 0 ? "\":" : "\": ";
    return out_;
  }

 private:
  std::string& out_;
  int indent_;
  int depth_;
  bool first_ = true;
};

void append_number(std::string& out, std::size_t number) { out += std::to_string(number); }

void append_field_json(std::string& out, const Field& field, int indent, int depth) {
  MemberWriter member(out, indent, depth);
  out.push_back('{');
  append_fields_json(member.key("children"), field.children, indent, depth + 1);
  if (field.malformed) append_json_string(member.key("error"), field.error);
  if (std::string text = wire::explain(field); !text.empty()) append_json_string(member.key("explain"), text);
  append_number(member.key("length"), field.length);
  if (field.malformed) member.key("malformed") += "true";
  append_json_string(member.key("name"), field.name);
  append_number(member.key("offset"), field.offset);
  append_json_string(member.key("value"), field.value);
  append_json_line(out, indent, depth);
  out.push_back('}');
}

}  // namespace

void append_fields_json(std::string& out, const std::vector<Field>& fields, int indent, int depth) {
  append_json_array(out, fields.size(), indent, depth,
                    [&](std::string& text, std::size_t i, int at) { append_field_json(text, fields[i], indent, at); });
}

}  // namespace hl
