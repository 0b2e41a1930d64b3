// Building a capture transcript in passes: cut and order the units, mark which records are
// protected (the ServerHello's version; TLS 1.2: each side's ChangeCipherSpec), open them
// with the key log (capture_decrypt.cpp), then name what each record carries.
#include "core/capture/capture_transcript.hpp"

#include <algorithm>

#include "core/capture/capture_decrypt.hpp"
#include "core/capture/capture_outcome.hpp"
#include "core/capture/stream_units.hpp"
#include "core/crypto/handshake_log.hpp"
#include "core/crypto/keylog.hpp"
#include "core/engine/names.hpp"
#include "core/model/record_layer.hpp"
#include "core/protocols/line_peer.hpp"
#include "core/wire/fields.hpp"
#include "core/wire/names.hpp"

namespace hl::capture {
namespace {

constexpr std::size_t kTitleLen = 40;

std::string lower_hex(const Bytes& bytes) { return wire::to_hex(bytes, bytes.size()); }

// Display only: the first line of a plaintext unit, shortened ("EHLO client.example", "250-mail.example.com").
std::string unit_title(std::span<const std::uint8_t> bytes, const std::string& protocol) {
  if (protocol == "ldap") return "LDAP message";
  std::string line;
  for (std::uint8_t byte : bytes) {
    if (byte == '\r' || byte == '\n') break;
    line.push_back(byte >= 0x20 && byte < 0x7f ? static_cast<char>(byte) : '.');
  }
  if (line.size() > kTitleLen) line = line.substr(0, kTitleLen) + "...";
  return line.empty() ? "(empty line)" : line;
}

struct OrderedUnit {
  WireUnit unit;
  Side from = Side::client;
};

// Both directions' units interleaved by the packet that completed them.
std::vector<OrderedUnit> ordered_units(const TcpConnection& c, const std::string& protocol, std::vector<std::string>& warnings) {
  std::vector<OrderedUnit> units;
  for (const Side from : {Side::client, Side::server}) {
    const StreamDirection& d = from == Side::client ? c.to_server : c.to_client;
    DirectionUnits cut = cut_units(d, protocol, from == Side::client);
    if (!cut.stopped.empty()) warnings.push_back(std::string(from == Side::client ? "client to server: " : "server to client: ") + cut.stopped);
    for (const WireUnit& unit : cut.units) units.push_back({unit, from});
  }
  std::stable_sort(units.begin(), units.end(), [](const OrderedUnit& a, const OrderedUnit& b) { return a.unit.packet < b.unit.packet; });
  return units;
}

Step wire_step(const OrderedUnit& ordered, const TcpConnection& c, const std::string& protocol) {
  const StreamDirection& d = ordered.from == Side::client ? c.to_server : c.to_client;
  Step step;
  step.kind = ordered.unit.record ? StepKind::record : StepKind::app_line;
  step.from = ordered.from;
  step.to = ordered.from == Side::client ? Side::server : Side::client;
  const auto begin = d.data.begin() + static_cast<std::ptrdiff_t>(ordered.unit.offset);
  step.bytes.assign(begin, begin + static_cast<std::ptrdiff_t>(ordered.unit.len));
  if (step.kind == StepKind::app_line) {
    step.protocol = protocol.empty() ? "unknown" : protocol;
    step.title = unit_title(step.bytes, protocol);
    step.app_unit = step.title;
    return step;
  }
  step.content_type = step.bytes[0];
  step.inner_type = step.content_type;
  step.protocol = protocol;
  return step;
}

// Which records are protected: TLS 1.3 application_data records after the ServerHello, and the
// client's before it (0-RTT early data, RFC 8446 §2.3: nothing else may come there); TLS 1.2
// everything a side writes after its ChangeCipherSpec.
void mark_protection(Transcript& t) {
  const auto messages = crypto::handshake_messages(t);
  const auto hello = crypto::find_message(messages, crypto::kServerHello, Side::server);
  if (!hello) return;
  const std::uint16_t version = crypto::server_hello_version(messages[*hello]);
  if (version != record::kTls13 && version != record::kTls12) return;
  for (std::size_t i = 0; version == record::kTls13 && i + 1 < messages[*hello].step; ++i) {  // steps before the ServerHello's
    Step& step = t.steps[i];
    if (step.kind != StepKind::record || step.from != Side::client || step.content_type != record::kApplicationData) continue;
    step.version = version;
    step.is_protected = true;
  }
  bool changed_cipher[2] = {false, false};
  for (std::size_t i = messages[*hello].step; i < t.steps.size(); ++i) {  // steps after the ServerHello's
    Step& step = t.steps[i];
    if (step.kind != StepKind::record) continue;
    step.version = version;
    const auto side = static_cast<std::size_t>(step.from);
    if (version == record::kTls13) step.is_protected = step.content_type == record::kApplicationData;
    if (version == record::kTls12) step.is_protected = changed_cipher[side];
    if (step.content_type == record::kChangeCipherSpec) changed_cipher[side] = true;
    if (step.is_protected && version == record::kTls12)
      step.protection = step.from == Side::client ? TrafficSecret::tls12_client_write : TrafficSecret::tls12_server_write;
  }
  t.steps[messages[*hello].step - 1].version = version;
}

// The handshake messages that start in each record of one direction (a message split across
// records belongs to the record holding its header).
class MessageWalker {
 public:
  std::vector<HandshakeType> starts(std::span<const std::uint8_t> content) {
    std::vector<HandshakeType> types;
    std::size_t at = 0;
    while (at < content.size()) {
      if (body_left_ > 0) {
        const std::size_t take = std::min<std::size_t>(body_left_, content.size() - at);
        body_left_ -= take;
        at += take;
        continue;
      }
      const std::size_t header_start = at;
      while (header_.size() < 4 && at < content.size()) header_.push_back(content[at++]);
      if (header_.size() < 4) break;
      body_left_ = (std::size_t{header_[1]} << 16) | (std::size_t{header_[2]} << 8) | header_[3];
      const bool whole_header_here = at - header_start == 4;
      types.push_back(whole_header_here ? wire::handshake_type_of(content.subspan(header_start))
                                        : static_cast<HandshakeType>(header_[0]));
      header_.clear();
    }
    return types;
  }

 private:
  Bytes header_;
  std::size_t body_left_ = 0;
};

// The record's content once unwrapped: plaintext records as sent, protected ones when opened.
std::span<const std::uint8_t> record_content(const Step& step) {
  if (!step.is_protected) return std::span(step.bytes).subspan(std::min(step.bytes.size(), record::kHeaderLen));
  if (step.plaintext.empty()) return {};
  if (step.version != record::kTls13) return step.plaintext;
  std::size_t end = step.plaintext.size();
  while (end > 0 && step.plaintext[end - 1] == 0) --end;
  return std::span(step.plaintext).first(end == 0 ? 0 : end - 1);
}

std::string record_title(const Step& step, std::span<const std::uint8_t> content) {
  const bool opened = !step.is_protected || !step.plaintext.empty();
  if (!opened) return "Encrypted record (no key for it)";
  if (step.inner_type == record::kHandshake && !step.messages.empty()) {
    std::string title;
    for (HandshakeType type : step.messages) title += (title.empty() ? "" : ", ") + names::handshake_type(static_cast<std::uint8_t>(type));
    return title;
  }
  if (step.inner_type == record::kHandshake) return "Handshake (continued)";
  if (step.inner_type == record::kAlert && content.size() >= 2) return "Alert: " + names::alert_description(content[1]);
  if (step.inner_type == record::kApplicationData && !content.empty())
    return "Application Data (" + unit_title(content, step.protocol) + ")";
  return names::record_type(step.inner_type);
}

void name_records(Transcript& t) {
  MessageWalker walkers[2];
  for (Step& step : t.steps) {
    if (step.kind != StepKind::record) continue;
    const auto content = record_content(step);
    if (step.inner_type == record::kHandshake) step.messages = walkers[static_cast<std::size_t>(step.from)].starts(content);
    if (step.inner_type == record::kApplicationData && !content.empty()) step.app_unit = unit_title(content, step.protocol);
    step.title = record_title(step, content);
  }
}

Bytes client_random(const Transcript& t) {
  const auto messages = crypto::handshake_messages(t);
  const auto hello = crypto::find_message(messages, crypto::kClientHello, Side::client);
  return hello ? crypto::hello_random(messages[*hello]) : Bytes{};
}

}  // namespace

void KeyLogIndex::add(const std::vector<std::string>& lines) {
  for (const std::string& line : lines) {
    const auto entry = crypto::parse_keylog_line(line);
    if (!entry) continue;
    ++num_lines;
    if (entry->label == "RSA") rsa.push_back(line);
    else by_client_random[lower_hex(entry->client_random)].push_back(line);
  }
}

std::vector<std::string> KeyLogIndex::lines_for(const Bytes& random) const {
  std::vector<std::string> lines;
  if (auto found = by_client_random.find(lower_hex(random)); found != by_client_random.end()) lines = found->second;
  lines.insert(lines.end(), rsa.begin(), rsa.end());
  return lines;
}

bool carries_tls(const TcpConnection& connection) {
  const PortProtocol* row = port_protocol(connection.server.port);
  const std::string protocol = row ? row->protocol : "";
  for (const bool from_client : {true, false}) {
    const DirectionUnits cut = cut_units(from_client ? connection.to_server : connection.to_client, protocol, from_client);
    if (std::any_of(cut.units.begin(), cut.units.end(), [](const WireUnit& u) { return u.record; })) return true;
  }
  return false;
}

Transcript connection_transcript(const TcpConnection& c, const KeyLogIndex& keys, const ConnectionSource& source) {
  Transcript t;
  CaptureOrigin origin;
  origin.file = source.file;
  origin.stream = source.stream;
  origin.client = endpoint_text(c.client);
  origin.server = endpoint_text(c.server);
  origin.warnings = c.warnings;
  const PortProtocol* row = port_protocol(c.server.port);
  const std::string protocol = row ? row->protocol : "";
  for (const OrderedUnit& unit : ordered_units(c, protocol, origin.warnings)) t.steps.push_back(wire_step(unit, c, protocol));
  mark_protection(t);
  t.keylog = keys.lines_for(client_random(t));
  origin.keys = !t.keylog.empty();
  decrypt_records(t, origin.warnings);
  name_records(t);
  read_outcome(t);
  t.capture = std::move(origin);
  return t;
}

}  // namespace hl::capture
