// libFuzzer target for the decoder. The first input byte picks what to feed the rest to:
//   mode 0: decode_records (the `decode` command's path)
//   mode 1: bare handshake messages under a context chosen by the flag bits
//   mode 2: DER (decode_der), certificate extraction and the OpenSSL summary, and the same bytes as
//           an OCSPResponse (which modes 0, 1 and 3 also reach inside CertificateStatus and the
//           TLS 1.3 CertificateEntry's status_request)
//   mode 3: decode_transcript over steps framed as [side][u16 len][bytes][u16 len][plaintext]
// Besides "no crash, no leak, no UB", it checks the decoder's promise: the fields tile every
// input byte with no gaps (it traps otherwise).
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/wire/app_line.hpp"
#include "core/wire/decode.hpp"
#include "core/wire/decoders.hpp"
#include "core/wire/x509.hpp"
#include "tiling.hpp"

using hl::fuzz::require_tiles;

namespace {

void explain_all(const std::vector<hl::Field>& fields) {
  for (const auto& field : fields) {
    (void)hl::wire::explain(field);
    explain_all(field.children);
  }
}

constexpr std::uint16_t kSuites[] = {0, 0x1301, 0xc02f, 0x009e, 0x003c, 0xc013, 0xcca8, 0x0005};

void fuzz_messages(std::uint8_t flags, std::span<const std::uint8_t> bytes) {
  hl::wire::DecodeContext ctx;
  ctx.version = (flags & 1) ? 0x0304 : 0x0303;
  ctx.cipher_suite = kSuites[(flags >> 1) % std::size(kSuites)];
  ctx.suite = hl::wire::suite_traits(ctx.cipher_suite);
  hl::wire::Cursor c(bytes);
  std::vector<hl::Field> fields;
  while (!c.empty()) hl::wire::decode_handshake_message(c, fields, ctx);
  require_tiles(fields, 0, bytes.size());
  if (flags & 0x20) explain_all(fields);  // explanations are also exercised in mode 0
}

void fuzz_der(std::span<const std::uint8_t> bytes) {
  hl::wire::Cursor c(bytes);
  std::vector<hl::Field> fields;
  while (!c.empty()) hl::wire::decode_der(c, fields);
  require_tiles(fields, 0, bytes.size());
  (void)hl::wire::summarize_certificate(bytes);
  for (const auto& field : fields) (void)hl::wire::certificates_in(field, bytes);
  hl::wire::Cursor ocsp(bytes);
  std::vector<hl::Field> ocsp_fields;
  hl::wire::decode_ocsp_response(ocsp, ocsp_fields);
  hl::wire::expect_end(ocsp, ocsp_fields, "the OCSPResponse");
  require_tiles(ocsp_fields, 0, bytes.size());
}

bool take_u16_block(hl::wire::Cursor& c, hl::Bytes& out) {
  hl::wire::Cursor block;
  if (!c.prefixed(2, block)) return false;
  auto bytes = block.rest();
  out.assign(bytes.begin(), bytes.end());
  return true;
}

void fuzz_transcript(std::uint8_t flags, std::span<const std::uint8_t> bytes) {
  hl::Transcript transcript;
  hl::wire::Cursor c(bytes);
  std::uint8_t side = 0;
  while (c.u8(side)) {
    hl::Step step;
    step.kind = (side & 0x40) ? hl::StepKind::app_line : hl::StepKind::record;
    step.from = (side & 1) ? hl::Side::server : hl::Side::client;
    step.protocol = (side & 0x20) ? "imap" : "smtp";
    if (!take_u16_block(c, step.bytes)) break;
    if (take_u16_block(c, step.plaintext) && !step.plaintext.empty()) {
      step.is_protected = true;
      step.inner_type = step.plaintext.back();
    }
    step.version = (side & 2) ? 0x0304 : (side & 4) ? 0x0303 : 0;
    transcript.steps.push_back(std::move(step));
  }
  auto decoded = hl::wire::decode_transcript(transcript);
  for (std::size_t i = 0; i < decoded.size(); ++i) {
    const hl::Step& step = transcript.steps[i];
    require_tiles(decoded[i].fields, 0, step.bytes.size());
    if (step.is_protected && !decoded[i].inner_fields.empty())
      require_tiles(decoded[i].inner_fields, 0, step.plaintext.size());
  }
  if (flags & 1) (void)hl::wire::certificate_chain(transcript, hl::Side::server);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::uint8_t mode = data[0] & 3, flags = data[0] >> 2;
  std::span<const std::uint8_t> rest(data + 1, size - 1);
  switch (mode) {  // one input format per decoder entry point
    case 0: {
      auto records = hl::wire::decode_records(rest);
      require_tiles(records, 0, rest.size());
      explain_all(records);
      break;
    }
    case 1: fuzz_messages(flags, rest); break;
    case 2: fuzz_der(rest); break;
    default: fuzz_transcript(flags, rest); break;
  }
  return 0;
}
