#include "app/short_title.hpp"

#include <algorithm>
#include <iterator>

namespace hl::app {
namespace {

struct Abbreviation {
  std::string_view name;
  std::string_view short_name;
};

// The abbreviations TLS texts and talks use; the ladder's tooltip and the Fields pane spell them out.
constexpr Abbreviation kAbbreviations[] = {
    {"ClientHello", "CH"},
    {"ServerHello", "SH"},
    {"HelloRetryRequest", "HRR"},
    {"EncryptedExtensions", "EE"},
    {"Certificate", "Cert"},
    {"CertificateRequest", "CR"},
    {"CertificateVerify", "CV"},
    {"CertificateStatus", "Status"},
    {"ServerKeyExchange", "SKE"},
    {"ServerHelloDone", "SHD"},
    {"ClientKeyExchange", "CKE"},
    {"Finished", "Fin"},
    {"NewSessionTicket", "NST"},
    {"EndOfEarlyData", "EOED"},
    {"KeyUpdate", "KU"},
    {"ChangeCipherSpec", "CCS"},
    {"Application Data", "Data"},
    {"Early Data", "0-RTT"},
};

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// One listed name: its abbreviation when the table has it, else the name itself.
std::string_view short_name(std::string_view name) {
  const auto* row = std::find_if(std::begin(kAbbreviations), std::end(kAbbreviations),
                                 [name](const Abbreviation& a) { return a.name == name; });
  return row != std::end(kAbbreviations) ? row->short_name : name;
}

// The title without its "(…)" notes: "Application Data (GET /)" → "Application Data".
std::string without_notes(std::string_view title) {
  std::string out;
  int depth = 0;
  for (char c : title) {
    if (c == '(') ++depth;
    if (depth == 0) out += c;
    if (c == ')' && depth > 0) --depth;
  }
  return out;
}

}  // namespace

std::string short_title(std::string_view title) {
  const std::string bare = without_notes(title);
  std::string out;
  std::size_t start = 0;
  while (start <= bare.size()) {  // a coalesced record lists its messages: "ServerHello, Certificate, …"
    const std::size_t end = std::min(bare.find(',', start), bare.size());
    const std::string_view name = trimmed(std::string_view(bare).substr(start, end - start));
    if (!name.empty()) out += (out.empty() ? "" : ",") + std::string(short_name(name));
    start = end + 1;
  }
  return out.empty() ? std::string(trimmed(title)) : out;
}

}  // namespace hl::app
