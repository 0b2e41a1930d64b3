// The decoder's front door: bare record streams (decode_records) and whole transcripts
// (decode_transcript), both through the record layer and the handshake reassembler.
#include "core/wire/decode.hpp"

#include "core/wire/app_line.hpp"
#include "core/wire/record.hpp"
#include "core/model/counts.hpp"

namespace hl::wire {
namespace {

// Names the messages a container ended up holding: "ClientHello", "Certificate, CertificateVerify".
void summarize_container(Field& container) {
  if (container.children.empty() || container.value != "handshake") return;
  std::string names;
  for (const auto& child : container.children) {
    if (!names.empty()) names += ", ";
    names += child.name;
  }
  container.value = names;
}

// Is this record in a bare stream encrypted? (No transcript flags: judge from what was seen.)
// TLS 1.3 protects every application_data record after the ServerHello; TLS 1.2 protects
// everything after a ChangeCipherSpec; with no ServerHello seen, records after a CCS are
// encrypted with a version we cannot tell.
enum class Protection { none, tls13, tls12, unknown };

Protection guess_protection(const RecordHeader& header, const DecodeContext& ctx) {
  if (ctx.version == record::kTls13)
    return header.type == record::kApplicationData ? Protection::tls13 : Protection::none;
  bool after_ccs = ctx.saw_change_cipher_spec && header.type >= record::kAlert && header.type <= record::kApplicationData;
  if (!after_ccs) return Protection::none;
  return ctx.version != 0 ? Protection::tls12 : Protection::unknown;
}

std::string record_summary(const RecordHeader& header, Protection protection) {
  if (protection == Protection::tls13) return "protected record (TLS 1.3), " + byte_count(header.length);
  if (protection == Protection::tls12) return "encrypted record (TLS 1.2), " + byte_count(header.length);
  if (protection == Protection::unknown) return "encrypted record, " + byte_count(header.length);
  const char* name = content_type_name(header.type);
  return std::string(name ? name : "unknown") + ", " + byte_count(header.length);
}

}  // namespace

std::vector<Field> decode_records(std::span<const std::uint8_t> bytes) {
  std::vector<Field> records;
  DecodeContext ctx;
  HandshakeStream stream;
  Cursor c(bytes);
  std::vector<std::pair<std::size_t, std::size_t>> containers;  // (record, child) holding handshake content
  while (!c.empty()) {
    std::size_t index = records.size();
    Field& record = add_node(records, "TLS record", "", c.offset(), 0, "record");
    RecordHeader header;
    Protection protection = Protection::none;
    if (c.remaining() >= 1 && c.rest()[0] == record::kApplicationData)
      protection = guess_protection({record::kApplicationData, 0, 0}, ctx);
    if (!decode_record_header(c, record.children, protection == Protection::tls13, header)) {
      close_node(record, c);
      break;
    }
    protection = guess_protection(header, ctx);
    Cursor fragment = take_fragment(c, record.children, header);
    record.value = record_summary(header, protection);
    if (protection == Protection::tls13) decode_tls13_ciphertext(fragment, record.children);
    if (protection == Protection::tls12) decode_tls12_ciphertext(fragment, record.children, ctx);
    if (protection == Protection::unknown) add_rest(fragment, record.children, "encrypted_content", "encrypted_content");
    if (protection == Protection::none) {
      std::size_t child = record.children.size();
      containers.emplace_back(index, child);
      auto target = [&records, index, child]() -> FieldList& { return records[index].children[child].children; };
      decode_content(header.type, fragment, record.children, "fragment", ctx, stream, target);
      if (header.type == record::kChangeCipherSpec) ctx.saw_change_cipher_spec = true;
    }
    close_node(records[index], c);
  }
  stream.finish(ctx);
  for (auto [index, child] : containers) summarize_container(records[index].children[child]);
  return records;
}

namespace {

// Everything decode_transcript carries from one step to the next.
struct TranscriptState {
  DecodeContext ctx;
  HandshakeStream client_stream, server_stream;
  std::vector<DecodedStep>* out = nullptr;
  std::vector<HandshakeMessage>* messages = nullptr;  // when set, every whole message goes here too
  std::vector<std::tuple<std::size_t, bool, std::size_t>> containers;  // (step, inner?, index)

  HandshakeStream& stream(Side side) { return side == Side::client ? client_stream : server_stream; }

  HandshakeStream::Target target(std::size_t step, bool inner, std::size_t index) {
    containers.emplace_back(step, inner, index);
    auto* steps = out;
    return [steps, step, inner, index]() -> FieldList& {
      auto& list = inner ? (*steps)[step].inner_fields : (*steps)[step].fields;
      return list[index].children;
    };
  }
};

void decode_record_step(const Step& step, std::size_t index, TranscriptState& state) {
  DecodedStep& decoded = (*state.out)[index];
  std::uint16_t version = step.version ? step.version : state.ctx.version;
  bool tls13_protected = step.is_protected && version == record::kTls13;
  Cursor c(step.bytes);
  RecordHeader header;
  if (!decode_record_header(c, decoded.fields, tls13_protected, header)) return;
  Cursor fragment = take_fragment(c, decoded.fields, header);
  HandshakeStream& stream = state.stream(sender_role(step));
  if (!step.is_protected) {
    auto target = state.target(index, false, decoded.fields.size());
    decode_content(header.type, fragment, decoded.fields, "fragment", state.ctx, stream, target);
  } else if (tls13_protected) {
    decode_tls13_ciphertext(fragment, decoded.fields);
  } else {
    decode_tls12_ciphertext(fragment, decoded.fields, state.ctx);
  }
  expect_end(c, decoded.fields, "the record");  // a step holds exactly one record
  if (!step.is_protected || step.plaintext.empty()) return;
  Cursor inner(step.plaintext);
  auto target = state.target(index, true, decoded.inner_fields.size());
  if (tls13_protected) {
    decode_inner_plaintext(inner, decoded.inner_fields, state.ctx, stream, target);
    return;
  }
  decode_content(header.type, inner, decoded.inner_fields, "content", state.ctx, stream, target);
}

// Moves every offset of a tree back by base.
void rebase(Field& field, std::size_t base) {
  field.offset -= base;
  for (auto& child : field.children) rebase(child, base);
}

void collect_messages(TranscriptState& state) {
  for (Side side : {Side::client, Side::server}) {
    auto* messages = state.messages;
    state.stream(side).set_sink([messages, side](std::span<const std::uint8_t> bytes, std::size_t base, const Field& tree) {
      HandshakeMessage message{side, Bytes(bytes.begin(), bytes.end()), tree};
      rebase(message.tree, base);
      messages->push_back(std::move(message));
    });
  }
}

std::vector<DecodedStep> decode_all(const Transcript& transcript, std::vector<HandshakeMessage>* out_messages) {
  std::vector<DecodedStep> decoded(transcript.steps.size());
  TranscriptState state;
  state.out = &decoded;
  state.messages = out_messages;
  if (out_messages) collect_messages(state);
  for (std::size_t i = 0; i < transcript.steps.size(); ++i) {
    const Step& step = transcript.steps[i];
    if (step.kind == StepKind::record) decode_record_step(step, i, state);
    if (step.kind == StepKind::app_line) decoded[i].fields = decode_app_line(step);
  }
  state.client_stream.finish(state.ctx);
  state.server_stream.finish(state.ctx);
  for (auto [step, inner, index] : state.containers) {
    auto& list = inner ? decoded[step].inner_fields : decoded[step].fields;
    if (index < list.size()) summarize_container(list[index]);
  }
  return decoded;
}

}  // namespace

std::vector<DecodedStep> decode_transcript(const Transcript& transcript) { return decode_all(transcript, nullptr); }

std::vector<HandshakeMessage> handshake_messages(const Transcript& transcript) {
  std::vector<HandshakeMessage> messages;
  (void)decode_all(transcript, &messages);
  return messages;
}

}  // namespace hl::wire
