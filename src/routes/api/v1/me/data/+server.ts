import { endpoints } from '$lib/server/api/endpoints';
import { exportMyData } from '$lib/server/api/my-data';
import { apiHandler } from '$lib/server/web/api-handler';

/** Everything Samtavla holds of the person (issue 15), as /account/data.json gives it; personal tokens only. */
export const GET = apiHandler(endpoints.myData, (ctx) => exportMyData(ctx));
