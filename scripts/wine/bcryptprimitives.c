/*
 * A stand-in for Windows' bcryptprimitives.dll, for running hoshin's Windows build
 * under Wine 8.0 (Debian 12), which does not have this DLL.
 *
 * Rust's standard library (since 1.78) takes its random bytes (HashMap keys, ...)
 * from bcryptprimitives.dll's ProcessPrng, which Windows 10 and later have. Wine
 * added the DLL in version 9; Wine 8.0 fails to start any Rust program without it.
 * This stand-in exports ProcessPrng and takes the bytes from advapi32's
 * SystemFunction036 (RtlGenRandom), which Wine 8.0 has.
 *
 * Only for the tests under Wine (scripts/cross-test.sh builds it with mingw-w64 and
 * puts it next to the .exe); never shipped.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
