/**
 * An address as Mend stores and compares it. Mail systems treat the domain, and in practice the local part,
 * without regard to case; a person retyping their address should find their own plans.
 */
export const normalEmail = (email: string): string => email.trim().toLowerCase();
