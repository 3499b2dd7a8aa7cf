# reset_halt from the packed shikiri.bin (one blob, as bootz or a raw
# -kernel load it): boot copies the halt VM's image out of the hypervisor
# image and the restart VM's from its pristine copy; then the same system
# and the same checks as reset_halt.
. ./tests/qemu/reset_halt/test.sh
KERNEL=shikiri.bin
