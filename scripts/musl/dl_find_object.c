/*
 * _dl_find_object for GCC's unwinder linked into a static musl program.
 *
 * scripts/release.sh builds the Linux binary for x86_64-unknown-linux-musl with Debian's
 * Rust and -Zbuild-std. Rust's std there wants an unwinder as libunwind.a, which rustup
 * ships inside its musl target and Debian does not; GCC's libgcc_eh.a stands in for it.
 * Debian 12's libgcc_eh.a finds a function's unwind tables with glibc's _dl_find_object
 * (glibc 2.35), which musl does not have: this is that function, done with musl's
 * dl_iterate_phdr. Without it hoshin could not unwind (catch_unwind in the .docx import).
 *
 * libgcc_eh.a also calls pthread_once, pthread_key_create and the like through weak
 * references, which do not bring them out of musl's libc.a in a static link: it would
 * call address 0 on the first unwind. The table at the end refers to them strongly.
 *
 * The layout of struct dl_find_object is glibc's on x86_64 (no dlfo_eh_dbase, no
 * dlfo_eh_count); dlfo_eh_frame points at the PT_GNU_EH_FRAME segment, as in glibc.
 */
#define _GNU_SOURCE
#include <link.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

struct dl_find_object {
    unsigned long long dlfo_flags;
    void *dlfo_map_start;
    void *dlfo_map_end;
    struct link_map *dlfo_link_map;
    void *dlfo_eh_frame;
    unsigned long long dlfo_reserved[7];
};

struct query {
    uintptr_t pc;
    struct dl_find_object *result;
    int found;
};

static int visit(struct dl_phdr_info *info, size_t size, void *data)
{
    struct query *q = data;
    uintptr_t start = UINTPTR_MAX, end = 0;
    const ElfW(Phdr) *eh_frame = NULL;
    int contains = 0;
    (void)size;
    for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *p = &info->dlpi_phdr[i];
        if (p->p_type == PT_LOAD) {
            uintptr_t s = info->dlpi_addr + p->p_vaddr, e = s + p->p_memsz;
            if (q->pc >= s && q->pc < e)
                contains = 1;
            if (s < start)
                start = s;
            if (e > end)
                end = e;
        } else if (p->p_type == PT_GNU_EH_FRAME) {
            eh_frame = p;
        }
    }
    if (!contains)
        return 0;
    q->result->dlfo_flags = 0;
    q->result->dlfo_map_start = (void *)start;
    q->result->dlfo_map_end = (void *)end;
    q->result->dlfo_link_map = NULL;
    q->result->dlfo_eh_frame = eh_frame ? (void *)(info->dlpi_addr + eh_frame->p_vaddr) : NULL;
    q->found = 1;
    return 1;
}

int _dl_find_object(void *pc, struct dl_find_object *result)
{
    struct query q = {(uintptr_t)pc, result, 0};
    dl_iterate_phdr(visit, &q);
    return q.found ? 0 : -1;
}

/* The functions libgcc_eh.a refers to weakly (nm -u), linked in for it. */
__attribute__((used)) void *const hoshin_gthread_functions[] = {
    (void *)pthread_once,        (void *)pthread_key_create,   (void *)pthread_getspecific,
    (void *)pthread_setspecific, (void *)pthread_mutex_lock,   (void *)pthread_mutex_unlock,
};
