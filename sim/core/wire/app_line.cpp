// Cleartext application lines: split each text line into [tag,] verb, arguments and the
// line ending, with byte ranges; binary protocols go to their own decoder.
#include "core/wire/app_line.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "core/wire/ber.hpp"
#include "core/wire/fields.hpp"

namespace hl::wire {
namespace {

using BinaryDecoder = std::vector<Field> (*)(std::span<const std::uint8_t>);

struct BinaryProtocol {
  const char* protocol;
  BinaryDecoder decode;
};

// Protocols whose cleartext steps are not text lines.
const BinaryProtocol kBinaryProtocols[] = {
    {"ldap", decode_ber_message},
};

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char ch) { return std::toupper(ch); });
  return text;
}

// Appends a leaf over [begin, end) of line (whose first byte is at `base`), if non-empty.
void add_piece(FieldList& out, std::span<const std::uint8_t> line, std::size_t base, std::size_t begin,
               std::size_t end, const char* name, std::string key) {
  if (end <= begin) return;
  std::string value = "\"" + escaped_text(line.subspan(begin, end - begin)) + "\"";
  out.push_back(make_leaf(name, std::move(value), base + begin, end - begin, std::move(key)));
}

std::size_t next_space(std::span<const std::uint8_t> line, std::size_t from, std::size_t end) {
  while (from < end && line[from] != ' ') ++from;
  return from;
}

// One line: [tag SP] verb [SP arguments] line-ending.
Field decode_line(std::span<const std::uint8_t> line, std::size_t base, const std::string& protocol, bool tagged) {
  std::size_t content_end = line.size();
  while (content_end > 0 && (line[content_end - 1] == '\n' || line[content_end - 1] == '\r')) --content_end;
  Field node = make_leaf("line", "\"" + escaped_text(line.first(content_end)) + "\"", base, line.size(), "app.line");
  std::size_t pos = 0;
  if (tagged) {
    std::size_t tag_end = next_space(line, 0, content_end);
    add_piece(node.children, line, base, 0, tag_end, "tag", "app.tag");
    pos = tag_end;
  }
  std::size_t verb_start = pos < content_end && line[pos] == ' ' ? pos + 1 : pos;
  add_piece(node.children, line, base, pos, verb_start, "separator", "app.separator");
  std::size_t verb_end = next_space(line, verb_start, content_end);
  // SMTP/FTP multi-line replies: "250-PIPELINING" puts the continuation dash right after the code.
  if (verb_end - verb_start > 3 && std::isdigit(line[verb_start]) && line[verb_start + 3] == '-') verb_end = verb_start + 3;
  std::string verb = upper(escaped_text(line.subspan(verb_start, verb_end - verb_start)));
  add_piece(node.children, line, base, verb_start, verb_end, "verb", "app." + protocol + "." + verb);
  add_piece(node.children, line, base, verb_end, content_end, "arguments", "app.arguments");
  add_piece(node.children, line, base, content_end, line.size(), "line ending", "app.line_ending");
  node.value = "\"" + escaped_text(line.first(content_end)) + "\"";
  return node;
}

}  // namespace

std::vector<Field> decode_text_lines(std::span<const std::uint8_t> bytes, const std::string& protocol, bool tagged) {
  std::vector<Field> lines;
  std::size_t start = 0;
  while (start < bytes.size()) {
    std::size_t end = start;
    while (end < bytes.size() && bytes[end] != '\n') ++end;
    if (end < bytes.size()) ++end;  // keep the LF with its line
    lines.push_back(decode_line(bytes.subspan(start, end - start), start, protocol, tagged));
    start = end;
  }
  return lines;
}

std::vector<Field> decode_app_line(const Step& step) {
  for (const auto& binary : kBinaryProtocols) {
    if (step.protocol == binary.protocol) return binary.decode(step.bytes);
  }
  bool tagged = step.protocol == "imap" && step.from == Side::client;
  if (step.protocol == "imap" && step.from == Side::server && !step.bytes.empty()) tagged = true;  // "* OK", "a1 OK"
  return decode_text_lines(step.bytes, step.protocol, tagged);
}

}  // namespace hl::wire
