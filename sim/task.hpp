// Task<T>: a sub-process that returns a value to the process awaiting it.
//
//   sim::Task<bool> cross(sim::Simulation& s, Gate& g) {
//     ...
//     co_return accepted;
//   }
//   sim::Process truck(sim::Simulation& s, Gate& g) {
//     if (!co_await cross(s, g)) co_return;     // reads as the story: rejected -> go home
//   }
//
// A Task runs only when awaited (it cannot be started on its own): awaiting it transfers control
// into it at once, and when it finishes the parent resumes with its result in the same event, as
// with an awaited Process. An exception it throws is rethrown in the parent. It shares the
// parent's name and entity id, so a failure deep in a journey still names the truck. Its frame
// comes from the simulation's pool; the awaiting frame owns it, so a run torn down while the
// task is suspended destroys both exactly once.
#pragma once

#include <coroutine>
#include <exception>
#include <optional>
#include <utility>

#include "sim/simulation.hpp"

namespace sim {

template <class T>
class [[nodiscard]] Task {
 public:
  struct promise_type;
  using Handle = std::coroutine_handle<promise_type>;

  struct FinalAwaiter {
    bool await_ready() const noexcept { return false; }
    std::coroutine_handle<> await_suspend(Handle h) noexcept { return h.promise().continuation; }
    void await_resume() const noexcept {}
  };

  struct promise_type : detail::PromiseBase {
    std::optional<T> value;

    template <class... A>
    static void* operator new(std::size_t n, A&... args) {
      return detail::find_sim(args...).frame_pool().allocate(n);
    }
    static void operator delete(void* p) noexcept { FramePool::deallocate(p); }

    Task get_return_object() noexcept { return Task(Handle::from_promise(*this)); }
    std::suspend_always initial_suspend() const noexcept { return {}; }
    FinalAwaiter final_suspend() const noexcept { return {}; }
    template <class U>
    void return_value(U&& v) {
      value.emplace(std::forward<U>(v));
    }
    void unhandled_exception() noexcept { error = std::current_exception(); }
  };

  struct Awaiter {
    Handle child;
    explicit Awaiter(Handle h) : child(h) {}
    Awaiter(const Awaiter&) = delete;
    Awaiter& operator=(const Awaiter&) = delete;
    ~Awaiter() {
      if (child) child.destroy();
    }
    bool await_ready() const noexcept { return false; }
    template <class P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> parent) noexcept {
      detail::link_child(child.promise(), parent.promise(), parent);
      return child;
    }
    T await_resume() {
      promise_type& c = child.promise();
      if (c.error) std::rethrow_exception(c.error);
      return std::move(*c.value);
    }
  };

  Task(Task&& o) noexcept : h_(std::exchange(o.h_, {})) {}
  Task& operator=(Task&&) = delete;
  Task(const Task&) = delete;
  ~Task() {
    if (h_) h_.destroy();
  }

  Awaiter operator co_await() && noexcept { return Awaiter(std::exchange(h_, {})); }

 private:
  explicit Task(Handle h) : h_(h) {}
  Handle h_;
};

}  // namespace sim
