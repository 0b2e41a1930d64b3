// What cleartext application units give away: the credential of each protocol, found the
// way an observer would find it, by reading the lines (or the LDAP BER) on the wire.
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <string_view>

#include "core/export/eavesdropper_detail.hpp"
#include "core/wire/ber.hpp"

namespace hl::eavesdrop {
namespace {

// One line of a unit: its text without CRLF and its offset in the unit.
struct Line {
  std::string_view text;
  std::size_t offset;
};

std::vector<Line> split_lines(std::string_view unit) {
  std::vector<Line> lines;
  std::size_t start = 0;
  while (start < unit.size()) {
    std::size_t end = unit.find('\n', start);
    if (end == std::string_view::npos) end = unit.size();
    std::string_view line = unit.substr(start, end - start);
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines.push_back({line, start});
    start = end + 1;
  }
  return lines;
}

// A word of a line with its position (quotes stripped from "quoted" words).
struct Word {
  std::string_view text;
  std::size_t offset;  // within the line
};

std::vector<Word> split_words(std::string_view line) {
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ') { ++i; continue; }
    bool quoted = line[i] == '"';
    std::size_t start = quoted ? i + 1 : i;
    std::size_t end = line.find(quoted ? '"' : ' ', start);
    if (end == std::string_view::npos) end = line.size();
    words.push_back({line.substr(start, end - start), start});
    i = end + (quoted ? 1 : 0);
  }
  return words;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
         });
}

std::string base64_text(std::string_view blob) {
  if (blob.empty() || blob.size() % 4 != 0) return {};
  std::string out(blob.size(), '\0');
  int len = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(blob.data()), static_cast<int>(blob.size()));
  if (len < 0) return {};
  std::size_t padding = blob.ends_with("==") ? 2 : blob.ends_with('=') ? 1 : 0;
  out.resize(static_cast<std::size_t>(len) - padding);
  return out;
}

void add(std::vector<Exposure>& out, const Line& line, const Word& word, std::string what, std::string value,
         bool secret) {
  out.push_back({std::move(what), std::move(value), line.offset + word.offset, word.text.size(), secret});
}

// "AUTH PLAIN <base64(authzid NUL user NUL password)>" (RFC 4616): base64 hides nothing.
void auth_plain(const Line& line, const std::vector<Word>& words, std::vector<Exposure>& out) {
  std::size_t verb = iequals(words[0].text, "AUTH") ? 0 : 1;  // SMTP "AUTH", IMAP "tag AUTHENTICATE"
  if (words.size() < verb + 3 || !iequals(words[verb + 1].text, "PLAIN")) return;
  std::string decoded = base64_text(words[verb + 2].text);
  std::replace(decoded.begin(), decoded.end(), '\0', ' ');
  add(out, line, words[verb + 2], "AUTH PLAIN credentials (base64 of user and password)", decoded, true);
}

void smtp_line(const Line& line, std::vector<Exposure>& out) {
  auto words = split_words(line.text);
  if (!words.empty() && iequals(words[0].text, "AUTH")) auth_plain(line, words, out);
}

// "<tag> LOGIN <user> <password>" (RFC 3501 §6.2.3).
void imap_line(const Line& line, std::vector<Exposure>& out) {
  auto words = split_words(line.text);
  if (words.size() >= 3 && iequals(words[1].text, "AUTHENTICATE")) return auth_plain(line, words, out);
  if (words.size() < 4 || !iequals(words[1].text, "LOGIN")) return;
  add(out, line, words[2], "user name", std::string(words[2].text), false);
  add(out, line, words[3], "password", std::string(words[3].text), true);
}

// "USER <name>" and "PASS <password>" (POP3 RFC 1939, FTP RFC 959).
void user_pass_line(const Line& line, std::vector<Exposure>& out) {
  auto words = split_words(line.text);
  if (words.size() < 2) return;
  Word rest{line.text.substr(words[1].offset), words[1].offset};
  if (iequals(words[0].text, "USER")) add(out, line, rest, "user name", std::string(rest.text), false);
  if (iequals(words[0].text, "PASS")) add(out, line, rest, "password", std::string(rest.text), true);
}

// Request and response headers that carry a session or a password.
void http_line(const Line& line, std::vector<Exposure>& out) {
  struct Header {
    std::string_view prefix;
    const char* what;
  };
  static constexpr Header kHeaders[] = {
      {"Cookie: ", "session cookie"}, {"Set-Cookie: ", "session cookie (set by the server)"},
      {"Authorization: ", "Authorization header"}};
  for (const auto& header : kHeaders) {
    if (line.text.size() <= header.prefix.size() || !iequals(line.text.substr(0, header.prefix.size()), header.prefix))
      continue;
    Word value{line.text.substr(header.prefix.size()), header.prefix.size()};
    std::string shown(value.text);
    if (value.text.starts_with("Basic ")) shown = base64_text(value.text.substr(6)) + " (Basic: base64 of user:password)";
    add(out, line, value, header.what, shown, true);
  }
}

// An SMTP DATA block (headers, body, lone "."): the mail itself.
void smtp_message(std::string_view unit, std::vector<Exposure>& out) {
  if (!unit.ends_with("\r\n.\r\n") || unit.size() <= 5) return;
  std::string_view body = unit.substr(0, unit.size() - 3);
  std::size_t subject = body.find("Subject: ");
  std::string value = "the whole message";
  if (subject != std::string_view::npos) value += ", " + std::string(body.substr(subject, body.find('\r', subject) - subject));
  out.push_back({"mail content", value, 0, body.size(), true});
}

// LDAP: the simple bind's DN and password, read out of the BER like any observer's dissector.
void ldap_unit(const Step& step, std::vector<Exposure>& out) {
  std::vector<Field> fields = wire::decode_ldap_message(step.bytes);
  std::vector<const Field*> stack;
  for (const auto& field : fields) stack.push_back(&field);
  while (!stack.empty()) {
    const Field* field = stack.back();
    stack.pop_back();
    for (const auto& child : field->children) stack.push_back(&child);
    bool is_password = field->explain == "ldap.bind.simple";
    if (!is_password && field->explain != "ldap.bind.name") continue;
    auto value = std::find_if(field->children.begin(), field->children.end(), [](auto& c) { return c.name == "value"; });
    if (value == field->children.end()) continue;
    std::string text(step.bytes.begin() + value->offset, step.bytes.begin() + value->offset + value->length);
    out.push_back({is_password ? "password (LDAP simple bind)" : "bind DN", text, value->offset, value->length,
                   is_password});
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.offset < b.offset; });
}

using LineReader = void (*)(const Line& line, std::vector<Exposure>& out);

struct ProtocolReader {
  const char* protocol;
  LineReader read_line;
};

constexpr ProtocolReader kReaders[] = {
    {"smtp", smtp_line}, {"imap", imap_line}, {"pop3", user_pass_line}, {"ftp", user_pass_line}, {"http", http_line},
};

}  // namespace

std::string printable_text(const Bytes& bytes, bool keep_line_breaks) {
  std::string text;
  text.reserve(bytes.size());
  for (auto byte : bytes) {
    bool keep = (byte >= 0x20 && byte < 0x7f) || (keep_line_breaks && (byte == '\r' || byte == '\n'));
    text.push_back(keep ? static_cast<char>(byte) : '.');
  }
  return text;
}

void expose_app_unit(const Step& step, std::vector<Exposure>& out) {
  if (step.protocol == "ldap") return ldap_unit(step, out);
  std::string_view unit(reinterpret_cast<const char*>(step.bytes.data()), step.bytes.size());
  if (step.protocol == "smtp" && step.from == Side::client && unit.ends_with("\r\n.\r\n"))
    return smtp_message(unit, out);
  auto reader = std::find_if(std::begin(kReaders), std::end(kReaders),
                             [&](auto& r) { return step.protocol == r.protocol; });
  if (reader == std::end(kReaders)) return;
  for (const Line& line : split_lines(unit)) reader->read_line(line, out);
}

}  // namespace hl::eavesdrop
