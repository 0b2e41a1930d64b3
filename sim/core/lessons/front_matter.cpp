// split_front_matter(): a line scanner, no regular expressions; every failure names its line.
#include "core/lessons/front_matter.hpp"

namespace hl {
namespace {

constexpr std::string_view kDelimiter = "+++";
constexpr std::string_view kBom = "\xEF\xBB\xBF";

// One line without its "\n" or "\r\n"; advances pos past the line ending.
std::string_view next_line(std::string_view text, std::size_t& pos) {
  std::size_t end = text.find('\n', pos);
  if (end == std::string_view::npos) end = text.size();
  std::string_view line = text.substr(pos, end - pos);
  pos = end < text.size() ? end + 1 : text.size();
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::string_view trim_right(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line;
}

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// A line that starts with +++ must be exactly the delimiter: "+++ toml" is a mistake, not text.
bool check_delimiter(std::string_view line, int line_number, FrontMatterError& out_error) {
  if (trim_right(line) == kDelimiter) return true;
  out_error = {line_number, "unexpected text after '+++': '" + std::string(trim_right(line)) + "'"};
  return false;
}

}  // namespace

bool split_front_matter(std::string_view text, FrontMatterParts& out_parts, FrontMatterError& out_error) {
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  if (is_blank(text)) {
    out_error = {1, "empty lesson file (expected front matter between '+++' lines, then Markdown)"};
    return false;
  }
  std::size_t pos = 0;
  std::string_view first = next_line(text, pos);
  if (first.substr(0, kDelimiter.size()) != kDelimiter) {
    out_error = {1, "a lesson must start with a '+++' line that opens its TOML front matter"};
    return false;
  }
  if (!check_delimiter(first, 1, out_error)) return false;

  std::size_t toml_begin = pos;
  int line_number = 1;
  while (pos < text.size()) {
    std::size_t line_begin = pos;
    std::string_view line = next_line(text, pos);
    ++line_number;
    if (line.substr(0, kDelimiter.size()) != kDelimiter) continue;
    if (!check_delimiter(line, line_number, out_error)) return false;
    out_parts.toml = text.substr(toml_begin, line_begin - toml_begin);
    out_parts.toml_line = 2;
    out_parts.body = text.substr(pos);
    out_parts.body_line = line_number + 1;
    return true;
  }
  out_error = {1, "the front matter opened by '+++' on this line is never closed by another '+++' line"};
  return false;
}

}  // namespace hl
