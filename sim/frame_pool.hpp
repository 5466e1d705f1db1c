// Per-simulation storage for coroutine frames.
//
// A truck's frame is allocated when it arrives and freed when it leaves; the same few sizes recur
// millions of times. Size classes of 64 bytes up to 4 KiB each keep a free list, so after warm-up
// a process costs two list operations instead of a trip to the global heap. Larger frames fall
// through to operator new. Each block carries a 16-byte header naming its pool and class, so a
// frame can be freed without knowing which simulation made it.
//
// Not thread-safe: a pool belongs to one Simulation, which runs on one thread at a time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <new>
#include <vector>

namespace sim {

class FramePool {
 public:
  FramePool() = default;
  FramePool(const FramePool&) = delete;
  FramePool& operator=(const FramePool&) = delete;
  ~FramePool() {
    for (void* chunk : chunks_) ::operator delete(chunk);
  }

  [[gnu::always_inline]] void* allocate(std::size_t n) {
    std::size_t total = n + kHeader;
    std::size_t cls = (total + kGranule - 1) / kGranule;  // 1..kClasses
    Header* h;
    if (cls > kClasses) {
      h = static_cast<Header*>(::operator new(total));
      h->pool = nullptr;
      h->cls = 0;
    } else {
      FreeBlock*& head = free_[cls - 1];
      if (head == nullptr) refill(cls);
      FreeBlock* b = head;
      head = b->next;
      h = reinterpret_cast<Header*>(b);
      h->pool = this;
      h->cls = static_cast<std::uint32_t>(cls);
    }
    ++live_;
    return reinterpret_cast<std::byte*>(h) + kHeader;
  }

  [[gnu::always_inline]] static void deallocate(void* p) noexcept {
    Header* h = reinterpret_cast<Header*>(static_cast<std::byte*>(p) - kHeader);
    FramePool* pool = h->pool;
    if (pool == nullptr) {
      ::operator delete(h);
      return;
    }
    --pool->live_;
    FreeBlock* b = reinterpret_cast<FreeBlock*>(h);
    b->next = pool->free_[h->cls - 1];
    pool->free_[h->cls - 1] = b;
  }

  std::size_t live() const { return live_; }
  std::size_t bytes_reserved() const { return reserved_; }

 private:
  static constexpr std::size_t kGranule = 64;
  static constexpr std::size_t kClasses = 64;  // up to 4 KiB
  static constexpr std::size_t kHeader = 16;   // keeps frames 16-byte aligned
  static constexpr std::size_t kChunkBytes = 64 * 1024;

  struct Header {
    FramePool* pool;
    std::uint32_t cls;
    std::uint32_t pad;
  };
  struct FreeBlock {
    FreeBlock* next;
  };
  static_assert(sizeof(Header) == kHeader);

  void refill(std::size_t cls) {
    std::size_t block = cls * kGranule;
    std::size_t count = kChunkBytes / block;
    if (count == 0) count = 1;
    std::byte* chunk = static_cast<std::byte*>(::operator new(block* count));
    chunks_.push_back(chunk);
    reserved_ += block * count;
    FreeBlock*& head = free_[cls - 1];
    for (std::size_t i = count; i-- > 0;) {
      auto* b = reinterpret_cast<FreeBlock*>(chunk + i * block);
      b->next = head;
      head = b;
    }
  }

  std::array<FreeBlock*, kClasses> free_{};
  std::vector<void*> chunks_;
  std::size_t live_ = 0;
  std::size_t reserved_ = 0;
};

}  // namespace sim
