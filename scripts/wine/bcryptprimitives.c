/* Remplaçant d'essai de bcryptprimitives.dll (ProcessPrng), pour les wine antérieurs à 9
 * (Debian 12 a wine 8) : la bibliothèque standard de Rust l'appelle, Windows 10 et 11 l'ont.
 * Il n'est copié que dans le préfixe wine jetable de scripts/windows.sh --essai-wine, jamais
 * dans l'archive livrée. Il passe par RtlGenRandom (SystemFunction036 d'advapi32). */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG morceau = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, morceau)) return FALSE;
        data += morceau;
        length -= morceau;
    }
    return TRUE;
}
