#include "core/audit/evidence.hpp"

#include <algorithm>

#include "core/model/record_layer.hpp"

namespace hl::audit {
namespace {

constexpr std::size_t kRecordHeaderLen = 5;
constexpr std::size_t kHandshakeHeaderLen = 4;
constexpr std::uint8_t kServerHelloType = 2;
constexpr std::uint16_t kSupportedVersions = 43;

// A bounded reader over one record's bytes; every getter checks the end first.
struct Reader {
  const Bytes& bytes;
  std::size_t at = 0;
  bool ok = true;

  std::uint32_t take(std::size_t len) {
    if (!ok || len > bytes.size() - std::min(at, bytes.size())) return ok = false, 0;
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < len; ++i) value = (value << 8) | bytes[at + i];
    at += len;
    return value;
  }
  void skip(std::size_t len) {
    if (!ok || len > bytes.size() - std::min(at, bytes.size())) ok = false;
    else at += len;
  }
};

/*
 * struct {
 *   ProtocolVersion legacy_version;  Random random;  opaque legacy_session_id_echo<0..32>;
 *   CipherSuite cipher_suite;  uint8 legacy_compression_method;  Extension extensions<6..2^16-1>;
 * } ServerHello;  (RFC 8446 §4.1.3; RFC 5246 §7.4.1.3 has the same layout)
 */
std::optional<ServerHelloSpots> read_server_hello(const Bytes& record, std::size_t step_index) {
  Reader r{record};
  r.skip(kRecordHeaderLen);
  if (r.take(1) != kServerHelloType) return std::nullopt;
  r.skip(kHandshakeHeaderLen - 1);
  ServerHelloSpots out;
  out.step_index = step_index;
  out.version_offset = out.chosen_version_offset = r.at;
  out.legacy_version = out.version = static_cast<std::uint16_t>(r.take(2));
  r.skip(32);
  r.skip(r.take(1));
  out.suite_offset = r.at;
  out.suite = static_cast<std::uint16_t>(r.take(2));
  r.skip(1);
  if (!r.ok) return std::nullopt;
  if (r.at == record.size()) return out;  // TLS 1.0-1.2 may end without extensions
  const std::size_t end = r.at + 2 + r.take(2);
  while (r.ok && r.at + 4 <= end) {
    HelloExtension ext;
    ext.type = static_cast<std::uint16_t>(r.take(2));
    ext.length = r.take(2);
    ext.offset = r.at;
    r.skip(ext.length);
    if (!r.ok) break;
    if (ext.type == kSupportedVersions && ext.length == 2) {
      out.version = static_cast<std::uint16_t>((record[ext.offset] << 8) | record[ext.offset + 1]);
      out.chosen_version_offset = ext.offset;
    }
    out.extensions.push_back(ext);
  }
  return out;
}

bool from_server(const Step& step) { return step.from == Side::server && step.connection == 1; }

// The client's verify results in one step: its grouped parts, or the step itself.
std::vector<VerifyResult> verify_results(const Step& step) {
  std::vector<VerifyResult> out;
  if (step.event == EventKind::verify && step.parts.empty()) out.push_back(step.verify);
  for (const EventPart& part : step.parts)
    if (part.kind == EventKind::verify) out.push_back(part.verify);
  return out;
}

// A record's content: the plaintext of a protected record (TLS 1.3: inner type and padding
// after it), else the fragment after the header.
struct Content {
  const Bytes& bytes;
  bool in_plaintext;
  std::size_t start;
};

Content content_of(const Step& step) {
  if (step.is_protected) return {step.plaintext, true, 0};
  return {step.bytes, false, std::min(kRecordHeaderLen, step.bytes.size())};
}

// struct { HandshakeType msg_type; uint24 length; ... } Handshake: walks the messages of one record.
std::optional<MessageSpot> find_message(const Step& step, std::size_t step_index, std::uint8_t type) {
  const Content content = content_of(step);
  Reader r{content.bytes, content.start};
  while (r.ok && r.at + kHandshakeHeaderLen <= content.bytes.size()) {
    const std::size_t start = r.at;
    const std::uint32_t msg_type = r.take(1);
    r.skip(r.take(3));
    if (r.ok && msg_type == type) return MessageSpot{step_index, content.in_plaintext, start, r.at - start, 0};
  }
  return std::nullopt;
}

}  // namespace

std::optional<MessageSpot> server_message(const Transcript& transcript, HandshakeType type) {
  for (std::size_t i = 0; i < transcript.steps.size(); ++i) {
    const Step& step = transcript.steps[i];
    if (step.kind != StepKind::record || !from_server(step) || !carries(step, type)) continue;
    if (auto spot = find_message(step, i, static_cast<std::uint8_t>(type))) return spot;
  }
  return std::nullopt;
}

// struct { AlertLevel level; AlertDescription description; } Alert (RFC 8446 §6).
std::optional<MessageSpot> server_alert(const Transcript& transcript) {
  for (std::size_t i = 0; i < transcript.steps.size(); ++i) {
    const Step& step = transcript.steps[i];
    if (step.kind != StepKind::record || !from_server(step) || step.inner_type != record::kAlert) continue;
    const Content content = content_of(step);
    if (content.bytes.size() < content.start + 2) continue;
    return MessageSpot{i, content.in_plaintext, content.start, 2, content.bytes[content.start + 1]};
  }
  return std::nullopt;
}

std::optional<ServerHelloSpots> server_hello(const Transcript& transcript) {
  for (std::size_t i = 0; i < transcript.steps.size(); ++i) {
    const Step& step = transcript.steps[i];
    if (step.kind != StepKind::record || !from_server(step) || !carries(step, HandshakeType::server_hello)) continue;
    if (auto spots = read_server_hello(step.bytes, i)) return spots;
  }
  return std::nullopt;
}

bool has_extension(const ServerHelloSpots& hello, std::uint16_t type) {
  return std::any_of(hello.extensions.begin(), hello.extensions.end(), [&](const HelloExtension& e) { return e.type == type; });
}

Evidence range_evidence(const AuditRun& run, std::size_t step_index, bool in_plaintext, std::size_t offset,
                        std::size_t length, std::string text) {
  Evidence out{run.name, step_index + 1, in_plaintext, 0, 0, {}, std::move(text)};
  if (step_index >= run.transcript.steps.size()) return out;
  const Step& step = run.transcript.steps[step_index];
  const Bytes& bytes = in_plaintext ? step.plaintext : step.bytes;
  out.offset = std::min(offset, bytes.size());
  out.length = std::min(length, bytes.size() - out.offset);
  out.bytes.assign(bytes.begin() + static_cast<std::ptrdiff_t>(out.offset),
                   bytes.begin() + static_cast<std::ptrdiff_t>(out.offset + out.length));
  return out;
}

std::optional<BytesSpot> find_server_bytes(const Transcript& transcript, const Bytes& needle) {
  if (needle.empty()) return std::nullopt;
  for (std::size_t i = 0; i < transcript.steps.size(); ++i) {
    const Step& step = transcript.steps[i];
    if (step.kind != StepKind::record || !from_server(step)) continue;
    for (bool plain : {false, true}) {
      const Bytes& bytes = plain ? step.plaintext : step.bytes;
      auto at = std::search(bytes.begin(), bytes.end(), needle.begin(), needle.end());
      if (at != bytes.end()) return BytesSpot{i, plain, static_cast<std::size_t>(at - bytes.begin())};
    }
  }
  return std::nullopt;
}

std::optional<HttpResponse> http_response(const Transcript& transcript, bool clear) {
  for (std::size_t i = 0; i < transcript.steps.size(); ++i) {
    const Step& step = transcript.steps[i];
    if (!from_server(step)) continue;
    const bool fits = clear ? step.kind == StepKind::app_line
                            : step.kind == StepKind::record && step.inner_type == record::kApplicationData;
    if (!fits) continue;
    const Bytes& bytes = clear ? step.bytes : step.plaintext;
    const std::string text(bytes.begin(), bytes.end());
    if (text.rfind("HTTP/", 0) != 0) continue;
    return HttpResponse{i, !clear, 0, text};
  }
  return std::nullopt;
}

std::optional<FailedCheck> failed_check(const Transcript& transcript) {
  for (std::size_t i = 0; i < transcript.steps.size(); ++i) {
    const Step& step = transcript.steps[i];
    if (step.from != Side::client || step.connection != 1) continue;
    for (const VerifyResult& result : verify_results(step))
      if (!result.ok) return FailedCheck{i, result};
  }
  return std::nullopt;
}

}  // namespace hl::audit
