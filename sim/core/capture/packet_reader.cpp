// libpcap reads both formats and checks their framing (and caps each packet at its own
// maximum snapshot length, whatever the header claims, so a 4 GiB snaplen costs nothing).
#include "core/capture/packet_reader.hpp"

#include <pcap/pcap.h>

#include <cstdio>
#include <memory>

namespace hl::capture {
namespace {

struct PcapCloser {
  void operator()(pcap_t* handle) const { pcap_close(handle); }
};

}  // namespace

ReadOutcome read_packets(std::span<const std::uint8_t> file, const PacketSink& sink) {
  ReadOutcome out;
  if (file.empty()) {
    out.error = "the file is empty";
    return out;
  }
  // fmemopen only reads through the pointer in "rb" mode.
  FILE* stream = fmemopen(const_cast<std::uint8_t*>(file.data()), file.size(), "rb");
  if (stream == nullptr) {
    out.error = "cannot open the capture in memory";
    return out;
  }
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  std::unique_ptr<pcap_t, PcapCloser> handle(pcap_fopen_offline(stream, errbuf));  // owns stream from here
  if (!handle) {
    std::fclose(stream);
    out.error = std::string("not a pcap or pcapng capture libpcap can read: ") + errbuf;
    return out;
  }
  const int link_type = pcap_datalink(handle.get());
  for (;;) {
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    const int status = pcap_next_ex(handle.get(), &header, &data);
    if (status == PCAP_ERROR_BREAK) break;  // end of file
    if (status != 1) {
      out.stopped = "libpcap stopped after packet " + std::to_string(out.num_packets) + ": " + pcap_geterr(handle.get());
      break;
    }
    Packet packet;
    packet.link_type = link_type;
    packet.bytes = {data, header->caplen};
    packet.original_len = header->len;
    packet.number = ++out.num_packets;
    if (!sink(packet)) break;
  }
  return out;
}

}  // namespace hl::capture
