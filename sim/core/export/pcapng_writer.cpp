// pcapng blocks (draft-ietf-opsawg-pcapng): every block is type, total length, body padded to
// 32 bits, total length again; libpcap writes no pcapng, so these are ours. Classic pcap goes
// through libpcap's dumper, into memory so the caller decides where the bytes go.
#include "core/export/pcapng_writer.hpp"

#include <pcap/pcap.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace hl {
namespace {

constexpr std::uint16_t kLinkTypeEthernet = 1;
constexpr std::uint32_t kSnapLength = 262144;

enum OptionCode : std::uint16_t { kEndOfOptions = 0, kComment = 1, kIfName = 2, kShbUserApplication = 4 };

void le16(Bytes& out, std::uint16_t value) {
  out.push_back(static_cast<std::uint8_t>(value));
  out.push_back(static_cast<std::uint8_t>(value >> 8));
}

void le32(Bytes& out, std::uint32_t value) {
  le16(out, static_cast<std::uint16_t>(value));
  le16(out, static_cast<std::uint16_t>(value >> 16));
}

void pad32(Bytes& out) {
  while (out.size() % 4 != 0) out.push_back(0);
}

void append(Bytes& out, const std::uint8_t* data, std::size_t size) { out.insert(out.end(), data, data + size); }

void text_option(Bytes& body, std::uint16_t code, const std::string& text) {
  if (text.empty()) return;
  le16(body, code);
  le16(body, static_cast<std::uint16_t>(text.size()));
  append(body, reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  pad32(body);
}

void end_of_options(Bytes& body) {
  le16(body, kEndOfOptions);
  le16(body, 0);
}

// Wraps a padded body as one block: type, total length, body, total length.
void block(Bytes& out, std::uint32_t type, const Bytes& body) {
  const auto total = static_cast<std::uint32_t>(12 + body.size());
  le32(out, type);
  le32(out, total);
  append(out, body.data(), body.size());
  le32(out, total);
}

void section_header(Bytes& out, const std::string& comment) {
  Bytes body;
  le32(body, 0x1A2B3C4D);   // byte-order magic
  le16(body, 1);            // major version
  le16(body, 0);            // minor version
  le32(body, 0xFFFFFFFF);   // section length: not given (-1)
  le32(body, 0xFFFFFFFF);
  text_option(body, kComment, comment);
  text_option(body, kShbUserApplication, "Handshake Lab");
  end_of_options(body);
  block(out, kPcapngSectionHeader, body);
}

void interface_description(Bytes& out) {
  Bytes body;
  le16(body, kLinkTypeEthernet);
  le16(body, 0);  // reserved
  le32(body, kSnapLength);
  text_option(body, kIfName, "handshake-lab (synthetic)");
  end_of_options(body);  // no if_tsresol: the default is microseconds
  block(out, kPcapngInterface, body);
}

void decryption_secrets(Bytes& out, const std::string& keylog) {
  Bytes body;
  le32(body, kSecretsTlsKeyLog);
  le32(body, static_cast<std::uint32_t>(keylog.size()));
  append(body, reinterpret_cast<const std::uint8_t*>(keylog.data()), keylog.size());
  pad32(body);
  block(out, kPcapngDecryptionSecrets, body);
}

void enhanced_packet(Bytes& out, const Frame& frame) {
  Bytes body;
  const auto micros = static_cast<std::uint64_t>(frame.micros);
  const auto length = static_cast<std::uint32_t>(frame.bytes.size());
  le32(body, 0);  // interface 0
  le32(body, static_cast<std::uint32_t>(micros >> 32));
  le32(body, static_cast<std::uint32_t>(micros));
  le32(body, length);  // captured
  le32(body, length);  // original
  append(body, frame.bytes.data(), frame.bytes.size());
  pad32(body);
  block(out, kPcapngEnhancedPacket, body);
}

}  // namespace

std::string keylog_text(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

Bytes pcapng_file(const std::vector<Frame>& frames, const PcapngContents& contents) {
  Bytes out;
  section_header(out, contents.comment);
  interface_description(out);
  // Before the first packet, so a reader has the secrets by the time it meets encrypted records.
  if (!contents.keylog.empty()) decryption_secrets(out, keylog_text(contents.keylog));
  for (const Frame& frame : frames) enhanced_packet(out, frame);
  return out;
}

Bytes pcap_file(const std::vector<Frame>& frames) {
  char* buffer = nullptr;
  std::size_t size = 0;
  FILE* stream = open_memstream(&buffer, &size);
  if (stream == nullptr) throw std::runtime_error("cannot open a memory stream for the pcap file");
  const std::unique_ptr<pcap_t, decltype(&pcap_close)> dead(pcap_open_dead(DLT_EN10MB, kSnapLength), &pcap_close);
  pcap_dumper_t* dumper = dead ? pcap_dump_fopen(dead.get(), stream) : nullptr;
  if (dumper == nullptr) {
    std::fclose(stream);
    std::free(buffer);
    throw std::runtime_error("libpcap cannot start a pcap file");
  }
  for (const Frame& frame : frames) {
    pcap_pkthdr header{};
    header.ts.tv_sec = static_cast<time_t>(frame.micros / 1000000);
    header.ts.tv_usec = static_cast<suseconds_t>(frame.micros % 1000000);
    header.caplen = header.len = static_cast<bpf_u_int32>(frame.bytes.size());
    pcap_dump(reinterpret_cast<u_char*>(dumper), &header, frame.bytes.data());
  }
  pcap_dump_close(dumper);  // closes the stream, which fills buffer and size
  Bytes out(buffer, buffer + size);
  std::free(buffer);
  return out;
}

}  // namespace hl
