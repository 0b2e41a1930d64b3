// unit_title(): the first line's verb or status, or the LDAP operation, looked up in tables.
#include "core/live/unit_title.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

#include "core/protocols/ber_codec.hpp"
#include "core/protocols/line_peer.hpp"

namespace hl::live {
namespace {

constexpr std::size_t kMaxTitleWord = 40;  // a title stays one short line, whatever the peer sent

// LDAP protocolOp tags (RFC 4511 §4.2 to §4.12): the operations a StartTLS dialogue meets.
struct LdapOpName {
  std::uint8_t tag;
  const char* name;
};
constexpr LdapOpName kLdapOps[] = {
    {0x60, "LDAP BindRequest"},        {0x61, "LDAP BindResponse"},       {0x42, "LDAP UnbindRequest"},
    {0x63, "LDAP SearchRequest"},      {0x64, "LDAP SearchResultEntry"},  {0x65, "LDAP SearchResultDone"},
    {0x77, "LDAP ExtendedRequest"},    {0x78, "LDAP ExtendedResponse"},   {0x50, "LDAP AbandonRequest"},
};

std::string ldap_title(std::span<const std::uint8_t> unit) {
  ber::Tlv message, id, op;
  if (!ber::read_tlv(unit, message) || !ber::read_tlv(message.value, id) ||
      !ber::read_tlv(message.value.subspan(id.total_len), op))
    return "LDAP message";
  auto row = std::find_if(std::begin(kLdapOps), std::end(kLdapOps), [&](const LdapOpName& r) { return r.tag == op.tag; });
  return row == std::end(kLdapOps) ? "LDAP message" : row->name;
}

// The first `count` space-separated words of the first line, each cut short, non-printable bytes shown as '.'.
std::string first_words(std::span<const std::uint8_t> unit, std::size_t count) {
  std::string_view text(reinterpret_cast<const char*>(unit.data()), unit.size());
  text = text.substr(0, text.find_first_of("\r\n"));
  std::string title;
  for (std::size_t word = 0; word < count && !text.empty(); ++word) {
    const std::size_t end = std::min(text.find(' '), text.size());
    title += (title.empty() ? "" : " ") + printable(text.substr(0, std::min(end, kMaxTitleWord)));
    text = end < text.size() ? text.substr(end + 1) : std::string_view{};
  }
  return title;
}

// HTTP: "GET /" for a request; "200 OK" for a status line (its version dropped).
std::string http_title(Side sender, std::span<const std::uint8_t> unit) {
  if (sender == Side::client) return first_words(unit, 2);
  std::string status = first_words(unit, 3);
  const std::size_t space = status.find(' ');
  return space == std::string::npos ? status : status.substr(space + 1);
}

}  // namespace

std::string unit_title(const std::string& protocol, Side sender, std::span<const std::uint8_t> unit) {
  if (protocol == "ldap") return ldap_title(unit);
  if (protocol == "http") return http_title(sender, unit);
  // IMAP lines start with a tag ("a1 LOGIN", "a1 OK", "* OK"): keep it, as the lab's own titles do.
  const std::size_t words = protocol == "imap" ? 2 : 1;
  std::string title = first_words(unit, words);
  if (sender == Side::client && protocol != "imap") title = command_verb(title);
  return title.empty() ? "(empty line)" : title;
}

}  // namespace hl::live
