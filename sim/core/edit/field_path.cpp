// Field paths over a decoded tree: parse, resolve, and the canonical path of a field.
#include "core/edit/field_path.hpp"

#include <algorithm>
#include <charconv>

namespace hl::edit {
namespace {

constexpr std::string_view kExtensionPrefix = "Extension: ";
constexpr std::size_t kMaxIndexDigits = 6;

struct Segment {
  std::string_view key;
  std::vector<std::size_t> indexes;  // [i][j]...: each an element of the one before
};

// One segment: key, then any number of [digits] ending the segment.
bool parse_segment(std::string_view text, Segment& out, std::string& out_error) {
  const std::size_t bracket = text.find('[');
  out.key = text.substr(0, bracket);
  if (out.key.empty()) return out_error = "a path part has no name: '" + std::string(text) + "'", false;
  if (out.key.find_first_of("]=") != std::string_view::npos)
    return out_error = "'" + std::string(out.key) + "' is not a field name", false;
  std::string_view rest = bracket == std::string_view::npos ? std::string_view() : text.substr(bracket);
  while (!rest.empty()) {
    const std::size_t close = rest.find(']');
    const std::string_view digits = close == std::string_view::npos ? std::string_view() : rest.substr(1, close - 1);
    if (rest.front() != '[' || digits.empty() || digits.size() > kMaxIndexDigits ||
        digits.find_first_not_of("0123456789") != std::string_view::npos)
      return out_error = "'" + std::string(text) + "': an index is [digits] at the end of a path part", false;
    std::size_t index = 0;
    (void)std::from_chars(digits.data(), digits.data() + digits.size(), index);
    out.indexes.push_back(index);
    rest.remove_prefix(close + 1);
  }
  return true;
}

bool parse_path(std::string_view path, std::vector<Segment>& out, std::string& out_error) {
  out.clear();
  if (path.empty()) return out_error = "the path is empty", false;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    Segment segment;
    if (!parse_segment(path.substr(start, dot == std::string_view::npos ? dot : dot - start), segment, out_error)) return false;
    out.push_back(segment);
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

// Depth-first, top first: the first field whose key is `key`.
bool find_first(const std::vector<Field>& fields, std::string_view key, std::vector<const Field*>& chain) {
  for (const Field& field : fields) {
    chain.push_back(&field);
    if (path_key(field) == key) return true;
    if (find_first(field.children, key, chain)) return true;
    chain.pop_back();
  }
  return false;
}

std::string names_of(const std::vector<const Field*>& fields) {
  std::string text;
  for (const Field* field : fields) {
    const std::string key = path_key(*field);
    if (text.find(key + ",") == std::string::npos && !text.ends_with(key)) text += (text.empty() ? "" : ", ") + key;
  }
  return text.empty() ? "nothing" : text;
}

// What a person would start a path with: the fields at the top and each message's fields.
void collect_messages(const std::vector<Field>& fields, std::vector<const Field*>& out) {
  for (const Field& field : fields) {
    if (!field.explain.starts_with("msg.")) {
      collect_messages(field.children, out);
      continue;
    }
    for (const Field& child : field.children) out.push_back(&child);
  }
}

std::string top_names(const std::vector<Field>& fields) {
  std::vector<const Field*> top;
  for (const Field& field : fields) top.push_back(&field);
  collect_messages(fields, top);
  return names_of(top);
}

std::vector<const Field*> children_of(const Field& field) {
  std::vector<const Field*> out;
  for (const Field& child : field.children) out.push_back(&child);
  return out;
}

bool apply_index(std::vector<const Field*>& chain, const Segment& segment, std::string& out_error) {
  for (std::size_t index : segment.indexes) {
    const std::vector<const Field*> items = elements(*chain.back());
    if (index >= items.size())
      return out_error = "'" + path_key(*chain.back()) + "' has " + std::to_string(items.size()) + " elements, so no [" +
                         std::to_string(index) + "]", false;
    chain.push_back(items[index]);
  }
  return true;
}

// A field's segment in a canonical path: `[i]` of its parent's elements when it is one of a
// list (not an extension) or shares its key with a sibling; else its key.
bool as_index(const Field& parent, const Field& field, std::size_t& out_index) {
  const std::vector<const Field*> items = elements(parent);
  const auto at = std::find(items.begin(), items.end(), &field);
  if (at == items.end()) return false;
  out_index = static_cast<std::size_t>(at - items.begin());
  const bool list = is_vector(parent) && !field.explain.starts_with("ext.");
  const std::string key = path_key(field);
  const auto same = std::count_if(parent.children.begin(), parent.children.end(),
                                  [&](const Field& sibling) { return path_key(sibling) == key; });
  return list || same > 1;
}

// The path of chain[from..] written out, with the rule above.
std::string write_path(const std::vector<const Field*>& chain, std::size_t from) {
  std::string path;
  for (std::size_t i = from; i < chain.size(); ++i) {
    std::size_t index = 0;
    if (i > from && as_index(*chain[i - 1], *chain[i], index)) {
      path += "[" + std::to_string(index) + "]";
      continue;
    }
    path += (path.empty() ? "" : ".") + path_key(*chain[i]);
  }
  return path;
}

}  // namespace

std::string path_key(const Field& field) {
  std::string key = field.name.starts_with(kExtensionPrefix) ? field.name.substr(kExtensionPrefix.size()) : field.name;
  if (key.empty()) key = field.explain.empty() ? "field" : field.explain;
  for (char& ch : key)
    if (ch == ' ' || ch == '.' || ch == '[' || ch == ']' || ch == '=' || ch == ':') ch = '_';
  return key;
}

bool is_vector(const Field& field) {
  return !field.children.empty() && field.children.front().name == "length" &&
         field.children.front().explain == "vector_length";
}

std::vector<const Field*> elements(const Field& field) {
  std::vector<const Field*> out;
  for (const Field& child : field.children)
    if (!(&child == &field.children.front() && is_vector(field))) out.push_back(&child);
  return out;
}

bool check_path_syntax(std::string_view path, std::string& out_error) {
  std::vector<Segment> segments;
  return parse_path(path, segments, out_error);
}

bool resolve_path(const std::vector<Field>& fields, std::string_view path, FieldRef& out_ref, std::string& out_error) {
  std::vector<Segment> segments;
  if (!parse_path(path, segments, out_error)) return false;
  std::vector<const Field*> chain;
  if (!find_first(fields, segments.front().key, chain)) {
    return out_error = "no field '" + std::string(segments.front().key) + "' in this step; it has " + top_names(fields) +
                       " (trace --format json shows every field)", false;
  }
  if (!apply_index(chain, segments.front(), out_error)) return false;
  for (std::size_t i = 1; i < segments.size(); ++i) {
    const Field& here = *chain.back();
    const auto next = std::find_if(here.children.begin(), here.children.end(),
                                   [&](const Field& child) { return path_key(child) == segments[i].key; });
    if (next == here.children.end())
      return out_error = "'" + path_key(here) + "' has no field '" + std::string(segments[i].key) + "'; it has " +
                         names_of(children_of(here)), false;
    chain.push_back(&*next);
    if (!apply_index(chain, segments[i], out_error)) return false;
  }
  out_ref.chain = std::move(chain);
  return true;
}

std::string path_of(const std::vector<Field>& fields, const FieldRef& ref) {
  const auto& chain = ref.chain;
  const auto message = std::find_if(chain.begin(), chain.end(), [](const Field* f) { return f->explain.starts_with("msg."); });
  std::vector<std::size_t> starts;
  if (message != chain.end() && message + 1 != chain.end()) starts.push_back(static_cast<std::size_t>(message - chain.begin()) + 1);
  if (message != chain.end()) starts.push_back(static_cast<std::size_t>(message - chain.begin()));
  for (std::size_t start = 0; start < chain.size(); ++start) starts.push_back(start);
  for (std::size_t start : starts) {
    const std::string path = write_path(chain, start);
    FieldRef back;
    std::string error;
    if (resolve_path(fields, path, back, error) && back.chain.back() == chain.back()) return path;
  }
  return {};  // a field a first match always hides (the same name in a second record of one step)
}

}  // namespace hl::edit
