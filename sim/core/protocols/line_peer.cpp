// LinePeer plumbing and the small text helpers the line protocols share.
#include "core/protocols/line_peer.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <utility>

namespace hl {

LineSetup line_setup(const PeerConfig& config, std::string_view default_host) {
  LineSetup setup;
  setup.mode = config.mode;
  setup.client_upgrades = config.mode == PortMode::starttls && config.starttls;
  setup.server_host = config.server_name.empty() ? std::string(default_host) : config.server_name;
  setup.require_tls = config.tls_policy == TlsPolicy::require_tls;
  setup.server_keeps_buffer = config.server_keeps_buffer;
  return setup;
}

std::vector<AppUnit> LinePeer::take_output() { return std::exchange(outbox_, {}); }

void LinePeer::receive(std::span<const std::uint8_t> bytes) {
  inbox_.append(bytes.begin(), bytes.end());
  // A unit may arrive split or several may arrive together: hand over whole units only.
  for (std::size_t len = complete_unit_len(inbox_); len > 0 && !finished_; len = complete_unit_len(inbox_)) {
    std::string unit = inbox_.substr(0, len);
    inbox_.erase(0, len);
    if (kept_len_ > 0) {
      kept_len_ -= std::min(kept_len_, len);
      note("runs a command sent before TLS", "It runs '" + printable(unit) +
                                                 "', which arrived in the clear before TLS started, as if it came "
                                                 "inside TLS. Its answer goes out encrypted.");
    }
    const bool was_clear = !wants_tls_;
    on_unit(unit);
    if (was_clear && wants_tls_ && !inbox_.empty()) return on_early_bytes();
  }
}

// Bytes that came in the same segment as the upgrade command, behind it: sent in the clear,
// so anyone on the path may have written them.
void LinePeer::on_early_bytes() {
  const std::string count = std::to_string(inbox_.size()) + " bytes";
  if (keeps_early_bytes_) {
    kept_len_ = inbox_.size();
    return note("keeps " + count + " sent before TLS",
                count + " arrived in the clear right behind the upgrade command ('" + printable(inbox_) +
                    "'). This server keeps them in its input buffer and will read them as the first commands of "
                    "the TLS session (the CVE-2011-0411 bug).");
  }
  note("discards " + count + " sent before TLS",
       count + " arrived in the clear right behind the upgrade command ('" + printable(inbox_) +
           "'). Nothing from before the handshake may count as coming from inside TLS (RFC 3207 §4.2), so they "
           "are thrown away.");
  inbox_.clear();
}

std::vector<PeerNote> LinePeer::take_notes() { return std::exchange(notes_, {}); }

void LinePeer::refuse_without_tls(std::string detail) {
  notes_.push_back({true, "refuses to continue without TLS", std::move(detail)});
}

std::string printable(std::string_view bytes) {
  std::string text;
  for (char c : bytes) {
    if (c == '\r' || c == '\n') {
      text += c == '\r' ? "\\r" : "\\n";
      continue;
    }
    const bool shown = c >= 0x20 && c < 0x7F;
    text += shown ? c : '.';
  }
  return text;
}

std::size_t LinePeer::complete_unit_len(std::string_view inbox) const { return line_len(inbox); }

void LinePeer::send_line(std::string_view text, std::string title) {
  send_raw(std::string(text) + "\r\n", std::move(title));
}

void LinePeer::send_raw(std::string text, std::string title) {
  send_bytes(Bytes(text.begin(), text.end()), std::move(title));
}

void LinePeer::send_bytes(Bytes bytes, std::string title) { outbox_.push_back({std::move(bytes), std::move(title)}); }

std::size_t line_len(std::string_view text) {
  std::size_t end = text.find("\r\n");
  return end == std::string_view::npos ? 0 : end + 2;
}

std::size_t numeric_reply_len(std::string_view text) {
  std::size_t start = 0;
  for (std::size_t len = line_len(text); len > 0; len = line_len(text.substr(start))) {
    std::string_view line = text.substr(start, len);
    start += len;
    bool last_line = line.size() >= 4 && reply_code(line) != 0 && line[3] == ' ';
    if (last_line) return start;
  }
  return 0;
}

std::size_t dot_block_len(std::string_view text) {
  if (text.starts_with(".\r\n")) return 3;
  std::size_t end = text.find("\r\n.\r\n");
  return end == std::string_view::npos ? 0 : end + 5;
}

int reply_code(std::string_view reply) {
  if (reply.size() < 3) return 0;
  int code = 0;
  for (char c : reply.substr(0, 3)) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return 0;
    code = code * 10 + (c - '0');
  }
  return code;
}

std::string command_verb(std::string_view line) {
  std::string verb;
  for (char c : line) {
    if (c == ' ' || c == '\r' || c == '\n') break;
    verb += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return verb;
}

std::string command_argument(std::string_view line) {
  std::size_t space = line.find(' ');
  if (space == std::string_view::npos) return {};
  std::string_view rest = line.substr(space + 1);
  while (rest.ends_with('\r') || rest.ends_with('\n')) rest.remove_suffix(1);
  return std::string(rest);
}

std::string base64_encode(std::string_view text) {
  std::string out(4 * ((text.size() + 2) / 3) + 1, '\0');
  int out_len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  out.resize(static_cast<std::size_t>(out_len));
  return out;
}

bool base64_decode(std::string_view text, std::string& out_text) {
  if (text.empty() || text.size() % 4 != 0) return false;
  std::string out(3 * text.size() / 4 + 1, '\0');
  int out_len = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (out_len < 0) return false;
  // EVP_DecodeBlock counts the '=' padding as zero bytes: drop them.
  std::size_t padding = text.ends_with("==") ? 2 : text.ends_with('=') ? 1 : 0;
  out.resize(static_cast<std::size_t>(out_len) - padding);
  out_text = std::move(out);
  return true;
}

}  // namespace hl
