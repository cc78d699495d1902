import { useApiMutation } from '../hooks';

/** The applicant's rating from the display (一次一评). */
export const useSubmitRating = () => useApiMutation('ratings.submit');
